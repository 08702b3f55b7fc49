/**
 * The build steps for deployment (docs/integrations/) and the _headers reader the browser
 * tests use: root-relative links under a base path, the build-time policy check of a page,
 * the _headers file the build writes. The built site itself is checked by tests/e2e/.
 */
import { describe, expect, test } from "vitest";
import { baseLinksPlugin, prefixer } from "../docs/integrations/base-links.mjs";
import { checkPage, HEADER_ONLY_DIRECTIVES, headersFile, sha256 } from "../docs/integrations/csp.mjs";
import { headersFor, parseHeaders } from "./e2e/host-headers";

describe("root-relative links under a base path", () => {
  test("at the root nothing changes", () => {
    const p = prefixer("/");
    for (const url of ["/", "/the-bug/the-patch/", "/#a", "#a", "https://example.org/"]) expect(p(url)).toBe(url);
  });

  test("under /msi-lifecycle/ (with or without the trailing slash) root-relative URLs get the base", () => {
    for (const base of ["/msi-lifecycle/", "/msi-lifecycle"]) {
      const p = prefixer(base);
      expect(p("/")).toBe("/msi-lifecycle/");
      expect(p("/the-bug/the-patch/")).toBe("/msi-lifecycle/the-bug/the-patch/");
      expect(p("/#seed")).toBe("/msi-lifecycle/#seed");
      expect(p("/favicon.svg")).toBe("/msi-lifecycle/favicon.svg");
      // not root-relative: left alone
      for (const url of ["#a", "./x/", "../x/", "https://example.org/a", "//cdn.example.org/a", "mailto:a@b.c"]) {
        expect(p(url)).toBe(url);
      }
    }
  });

  test("the Markdown plugin rewrites links and JSX href/src, and leaves the rest", () => {
    const plugin = baseLinksPlugin(prefixer("/msi-lifecycle/"));
    const set: [string, unknown][] = [];
    const ctx = { setProperty: (_node: unknown, key: string, value: unknown) => set.push([key, value]) };
    plugin.link({ type: "link", url: "/upstream/review/" }, ctx);
    plugin.link({ type: "link", url: "https://lore.kernel.org/" }, ctx);
    plugin.image({ type: "image", url: "/favicon.svg" }, ctx);
    expect(set).toEqual([
      ["url", "/msi-lifecycle/upstream/review/"],
      ["url", "/msi-lifecycle/favicon.svg"],
    ]);
    const card = {
      type: "mdxJsxFlowElement",
      name: "LinkCard",
      attributes: [
        { type: "mdxJsxAttribute", name: "title", value: "/not/a/link" },
        { type: "mdxJsxAttribute", name: "href", value: "/the-bug/the-patch/" },
      ],
    };
    expect(plugin.mdxJsxFlowElement(card)).toEqual({
      ...card,
      attributes: [
        card.attributes[0],
        { type: "mdxJsxAttribute", name: "href", value: "/msi-lifecycle/the-bug/the-patch/" },
      ],
    });
    const external = { ...card, attributes: [{ type: "mdxJsxAttribute", name: "href", value: "https://x.org/" }] };
    expect(plugin.mdxJsxFlowElement(external)).toBeUndefined();
  });
});

describe("the build-time policy check of a page", () => {
  const script = "console.log(1)";
  const style = "p{color:red}";
  const page = (policy: string, body: string) =>
    `<!doctype html><html><head><meta http-equiv="content-security-policy" content="${policy}"></head><body>${body}</body></html>`;
  const allowing = `default-src 'none'; script-src 'self' '${sha256(script)}'; style-src 'self' '${sha256(style)}'`;

  test("inline scripts and styles the policy hashes pass; data blocks need no hash", () => {
    const html = page(
      allowing,
      `<script>${script}</script><style>${style}</style><script type="application/json">{"a":1}</script><script src="/x.js"></script>`,
    );
    expect(checkPage(html)).toEqual({ policy: allowing, problems: [] });
  });

  test("an inline script or style the policy does not hash fails, and so does an inline handler", () => {
    const html = page(allowing, `<script>${script};</script><style>p{}</style><button onclick="x()">x</button>`);
    const { problems } = checkPage(html);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^<button onclick> is an inline event handler/);
    expect(problems.slice(1).join("\n")).toMatch(/inline <script> is not allowed[\s\S]*inline <style> is not allowed/);
  });

  test("a page without exactly one policy fails", () => {
    expect(checkPage("<!doctype html><p>no policy</p>").problems).toEqual([
      "expected one content-security-policy <meta>, found 0",
    ]);
    const two = page(allowing, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`);
    expect(checkPage(two).problems).toEqual(["expected one content-security-policy <meta>, found 2"]);
  });
});

describe("the _headers file", () => {
  const template =
    "# comment\n/*\n  X-Content-Type-Options: nosniff\n\n/_astro/worker-*\n  Content-Security-Policy: default-src 'none'\n";
  const pages = [
    { path: "/msi-lifecycle/", policy: "default-src 'none'; script-src 'self';" },
    { path: "/msi-lifecycle/upstream/review/", policy: "default-src 'none'; script-src 'self' 'sha256-x';" },
  ];
  const rules = parseHeaders(headersFile(template, pages, "/msi-lifecycle/"));

  test("the template's paths get the base, each page gets its own policy plus what only a header can say", () => {
    expect(rules.map((r) => r.pattern)).toEqual([
      "/msi-lifecycle/*",
      "/msi-lifecycle/_astro/worker-*",
      "/msi-lifecycle/",
      "/msi-lifecycle/upstream/review/",
    ]);
    expect(headersFor(rules, "/msi-lifecycle/upstream/review/")).toEqual({
      "x-content-type-options": "nosniff",
      "content-security-policy": ["default-src 'none'; script-src 'self' 'sha256-x'", ...HEADER_ONLY_DIRECTIVES].join(
        "; ",
      ),
    });
  });

  test("the worker gets its own policy and no page's", () => {
    expect(headersFor(rules, "/msi-lifecycle/_astro/worker-AbC123.js")).toEqual({
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    });
  });

  test("a header set by two rules is joined, as hosts do (both policies then apply)", () => {
    const two = parseHeaders("/a/*\n  X-A: 1\n/a/b\n  X-A: 2\n");
    expect(headersFor(two, "/a/b")).toEqual({ "x-a": "1, 2" });
    expect(headersFor(two, "/a/c")).toEqual({ "x-a": "1" });
    expect(headersFor(two, "/b")).toEqual({});
  });

  test("a header line outside a rule is an error", () => {
    expect(() => parseHeaders("  X-A: 1\n")).toThrow(/line 1/);
  });
});
