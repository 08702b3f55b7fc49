/**
 * The content security policy (astro.config.mjs `security.csp`, docs/integrations/csp.mjs):
 * present on every page, strict where it matters (no inline script but the page's own
 * hashed ones, no eval, no other origin), and the site works under it with no violation
 * reported: on every page, in search, in Run and Edit; and again with `_headers` served
 * as a host would, where the snippet worker gets a policy of its own that allows no network.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";
import { HEADERS_FILE, headersFor, parseHeaders, serveWithHeaders } from "./host-headers";
import { editorInput, fillEditor } from "./edit-run";
import { directives, runResult, searchReady, watchPolicy } from "./policy";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Every page of the site: the sidebar's, and the 404 page. */
async function allPages(page: Page): Promise<string[]> {
  await page.goto(`${inject("baseUrl")}/`);
  const links = await page.$$eval("nav.sidebar a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  return [...new Set(links), `${inject("baseUrl")}/404.html`];
}

/** The built pages, with the path each is served at. */
function builtPages() {
  const dist = join(import.meta.dirname, "..", "..", "dist");
  const base = new URL(inject("baseUrl")).pathname.replace(/\/$/, "");
  return readdirSync(dist, { recursive: true })
    .map((f) => String(f).split(sep).join("/"))
    .filter((f) => f.endsWith(".html") && !f.startsWith("pagefind/"))
    .map((f) => ({
      path: `${base}/${f.replace(/(^|\/)index\.html$/, "$1")}`,
      html: readFileSync(join(dist, f), "utf8"),
    }));
}

const metaPolicy = (page: Page) =>
  page.$$eval('meta[http-equiv="content-security-policy" i]', (ms) => ms.map((m) => m.getAttribute("content") ?? ""));

function expectStrict(policy: string) {
  const d = directives(policy);
  expect(d.get("default-src")).toEqual(["'none'"]);
  const script = d.get("script-src") ?? [];
  expect(script).toContain("'self'");
  for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:", "http:", "https:"]) {
    expect(script, `script-src allows ${loose}`).not.toContain(loose);
  }
  expect(script.filter((s) => s.startsWith("'sha256-")).length).toBeGreaterThan(0);
  expect(d.get("style-src") ?? []).not.toContain("'unsafe-inline'");
  expect(d.get("connect-src")).toEqual(["'self'"]);
  expect(d.get("worker-src")).toEqual(["'self'"]);
  expect(d.get("base-uri")).toEqual(["'self'"]);
}

test("every page carries the policy and reports no violation, console error or failed request under it", async () => {
  const page = await browser.context.newPage();
  const watch = await watchPolicy(page);
  const failed: string[] = [];
  const requested = new Set<string>();
  page.on("request", (r) => requested.add(r.url()));
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/404.html")) failed.push(`${r.url()}: HTTP ${r.status()}`);
  });
  const pages = await allPages(page);
  expect(pages.length).toBeGreaterThan(5);
  for (const url of pages) {
    await page.goto(url);
    const policies = await metaPolicy(page);
    expect(policies, url).toHaveLength(1);
    expectStrict(policies[0]);
    // Starlight's search UI loads in an idle callback: it too must pass the policy.
    await searchReady(page);
    // the theme picker's inline script ran (Starlight's is:inline scripts are allowed by hash)
    expect(
      await page.evaluate(() => typeof (window as { StarlightThemeProvider?: unknown }).StarlightThemeProvider),
    ).toBe("object");
    expect(await watch.violations(), url).toEqual([]);
  }
  expect(watch.errors).toEqual([]);
  expect(failed).toEqual([]);
  // everything the pages load comes from the site itself, under its base path
  const site = inject("baseUrl");
  expect([...requested].filter((u) => !u.startsWith(`${site}/`))).toEqual([]);
  await page.close();
});

test("search, the theme switch, Run, Edit and the pictures work under the policy", async () => {
  const page = await browser.context.newPage();
  const watch = await watchPolicy(page);
  await page.goto(`${inject("baseUrl")}/`, { waitUntil: "networkidle" });
  await searchReady(page);

  // Search runs Pagefind's WebAssembly ('wasm-unsafe-eval') and fetches its index ('self').
  await page.locator("button[data-open-modal]").click();
  await page.locator("#starlight__search input").fill("hwsize");
  await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 15_000 });
  await page.keyboard.press("Escape");

  // The theme switch (a Starlight script) sets the theme.
  await page.locator("starlight-theme-select select").first().selectOption("dark");
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");

  // Run and Edit: the runner chunk, the snippet JSON, the module worker, sucrase in the worker.
  const id = (await page.locator("section.msi-snippet").first().getAttribute("id")) ?? "";
  const section = page.locator(`#${id}`);
  await section.locator("[data-action=run]").click();
  expect(await runResult(page, id)).toBe("match");
  await section.locator("[data-action=edit]").click();
  // The editor is CodeMirror, styled although the policy allows no inline <style>: in its
  // shadow root, style-mod's rules come as a constructed style sheet (adoptedStyleSheets),
  // which the policy does not govern. Its layout (the base theme: a flex column, gutters
  // beside the content) and its token colours both apply.
  const input = editorInput(section);
  await input.waitFor();
  const look = await section.locator("[data-editor=codemirror]").evaluate((host) => {
    const root = host.shadowRoot as ShadowRoot;
    const css = (sel: string) => getComputedStyle(root.querySelector(sel) as Element);
    return {
      adopted: root.adoptedStyleSheets.length,
      editor: css(".cm-editor").display,
      gutters: css(".cm-gutters").display,
      whiteSpace: css(".cm-content").whiteSpace,
      keyword: css(".tok-keyword").color,
      text: css(".cm-content").color,
    };
  });
  expect(look.adopted).toBeGreaterThan(0);
  expect(look.editor).toBe("flex");
  expect(look.gutters).toBe("flex");
  expect(look.whiteSpace).toBe("pre");
  expect(look.keyword).not.toBe(look.text);
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type('\nconsole.log("edited under the policy");');
  await section.locator("[data-action=run]").click();
  expect(await runResult(page, id)).toBe("differs");
  expect(await section.locator("[data-runner-output]").textContent()).toContain("edited under the policy");

  // The pictures re-draw from the run (their live chunk, inline SVG with style attributes).
  await page.locator("figure[data-picture-for][data-picture-live]").first().waitFor({ timeout: 20_000 });

  expect(await watch.violations()).toEqual([]);
  expect(watch.errors).toEqual([]);
  await page.close();
});

describe("with _headers served as a host that reads it would", () => {
  let hosted: Browser;
  let served: Awaited<ReturnType<typeof serveWithHeaders>>;
  beforeAll(async () => {
    hosted = await launch();
    served = await serveWithHeaders(hosted.context);
  });
  afterAll(async () => {
    await hosted?.close();
  });

  test("each page's header policy is the policy of its <meta>, plus frame-ancestors", () => {
    const rules = parseHeaders(readFileSync(HEADERS_FILE, "utf8"));
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(5);
    for (const { path, html } of pages) {
      const header = headersFor(rules, path)["content-security-policy"];
      expect(header, `no policy header for ${path}`).toBeDefined();
      const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)"/g)];
      expect(metas, path).toHaveLength(1);
      const fromHeader = directives(header);
      expect(fromHeader.get("frame-ancestors")).toEqual(["'none'"]);
      fromHeader.delete("frame-ancestors");
      expect(fromHeader, path).toEqual(directives(metas[0][1].replaceAll("&#39;", "'")));
    }
  });

  test("Run and Edit work, and the snippet worker can reach no network", async () => {
    const page = await hosted.context.newPage();
    const watch = await watchPolicy(page);
    await page.goto(`${inject("baseUrl")}/`, { waitUntil: "networkidle" });
    await searchReady(page);
    const id = (await page.locator("section.msi-snippet").first().getAttribute("id")) ?? "";
    const section = page.locator(`#${id}`);
    await section.locator("[data-action=run]").click();
    expect(await runResult(page, id)).toBe("match");
    // The worker's script came with the worker policy of _headers.
    const worker = served.find((s) => /\/_astro\/worker-[^/]*\.js$/.test(s.path));
    expect(worker?.headers["content-security-policy"]).toMatch(/^default-src 'none'; script-src 'self' 'unsafe-eval'$/);

    // A snippet that tries the network from inside the worker (a synchronous request, so
    // the answer is printed before the run ends) is refused: by the worker's own lockdown
    // first (src/runner/lockdown.ts), which holds where no header is served too.
    await fillEditor(
      section,
      [
        "try {",
        "  const xhr = new XMLHttpRequest();",
        '  xhr.open("GET", "/favicon.svg", false);',
        "  xhr.send();",
        '  console.log("reached the network: HTTP " + xhr.status);',
        "} catch (e) {",
        '  console.log("refused: " + (e as Error).message);',
        "}",
        "",
      ].join("\n"),
    );
    await section.locator("[data-action=run]").click();
    expect(await runResult(page, id)).toBe("differs");
    expect(await section.locator("[data-runner-output]").textContent()).toBe(
      "refused: XMLHttpRequest is blocked: snippet code runs without network or storage access",
    );
    expect(await watch.violations()).toEqual([]);
    await page.close();
  });
});
