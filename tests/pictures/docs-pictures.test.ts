/**
 * Every picture the docs embed is drawn from the verified run: the run of the
 * snippet under the picture's profile prints the snippet's expected output, and
 * the rendered picture's rows are that run's trace. Also: the rendering code is
 * browser-safe (no node:*, no DOM), since the page re-draws with it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fromHtml } from "hast-util-from-html";
import { describe, expect, test } from "vitest";
import { collectDocs } from "../../src/node/collect";
import { runSnippetInNode } from "../../src/node/run";
import {
  buildStateView,
  buildTimeline,
  firstDivergence,
  PICTURE_COMPONENTS,
  type PictureRun,
  renderAllCallsMarkup,
  renderPicture,
} from "../../src/pictures";
import { validateRunHosts } from "../../src/runner/validate-run";
import { attr, attrOf, drawnCalls, root, select, tableSeqs } from "./helpers";

const { pictures } = collectDocs({ root, pagesDir: "docs/content/docs", snippetsDir: "snippets" });

describe("pictures in the docs", () => {
  test("the overview, the bug, the patch and the upstream page draw pictures", () => {
    const pages = new Set(pictures.map((p) => p.page.replace("docs/content/docs/", "")));
    for (const page of ["index.mdx", "the-bug/step-by-step.mdx", "the-bug/the-patch.mdx", "upstream/review.mdx"])
      expect(pages).toContain(page);
  });

  for (const pic of pictures) {
    test(`${pic.page}:${pic.line} <${pic.component} src="${pic.src}"> [${pic.profiles.join(" ")}]`, () => {
      const runs: Record<string, PictureRun> = {};
      for (const p of pic.profiles) {
        const r = runSnippetInNode(pic.snippet.body, p);
        expect(r.error).toBeUndefined();
        expect(r.output).toBe(pic.snippet.outputs.find((o) => o.profile === p)?.text);
        const hosts = r.hosts.map((h) => ({ kernel: h.kernel, trace: h.trace }));
        // What the model records passes the page's check of the worker's data unchanged.
        expect(validateRunHosts(hosts)).toEqual(hosts);
        runs[p] = { hosts };
      }
      const kind = PICTURE_COMPONENTS[pic.component];
      if (!kind) throw new Error(`${pic.component} is not in the registry of picture kinds`);
      const spec = {
        kind: kind.kind,
        src: pic.src,
        title: pic.snippet.title,
        profiles: pic.profiles,
        host: 0,
      };
      const out = renderPicture(spec, runs);
      const trace = runs[pic.profiles[0]].hosts[0].trace;
      if (spec.kind === "timeline") {
        // The drawing is a list of the drawn calls, named by a summary; it is its own text.
        const list = select("ol.msi-pic__calls", out.drawing);
        expect(attr(list, "aria-label")?.length).toBeGreaterThan(40);
        const t = buildTimeline(trace, { title: "", profile: "" });
        for (const c of drawnCalls(out.drawing)) expect(c.text).toContain(t.rows[c.seq].call);
        expect(drawnCalls(out.drawing).length).toBe(t.rows.length - t.folded);
        // The "all calls" list (built in the page when opened) lists every call, in order.
        const all = fromHtml(renderAllCallsMarkup(spec, runs), { fragment: true });
        expect(tableSeqs(all)).toEqual(trace.map((e) => e.seq));
        expect(buildTimeline(trace, { title: "", profile: "" }).rows.map((r) => r.fn)).toEqual(trace.map((e) => e.fn));
      } else if (spec.kind === "state") {
        const v = buildStateView(trace, { title: "", profile: "" });
        expect(v.steps.map((s) => s.after)).toEqual(
          trace.filter((e) => e.depth === 0 && e.state && e.bdf === v.bdf).map((e) => e.state),
        );
        // The drawing is a list of the steps, named by a summary; merged and folded steps cover the rest.
        expect(attr(select("ol.msi-pic__steps", out.drawing), "aria-label")?.length).toBeGreaterThan(40);
        const drawn = v.items.filter((i) => i.kind === "step").map((i) => String(i.last.step));
        expect(attrOf(out.drawing, "li.msi-pic__state", "data-step")).toEqual(drawn);
        expect(v.items.reduce((n, i) => n + i.count, 0)).toBe(v.steps.length);
      } else {
        // The drawing is a table of the two traces, named by a summary.
        expect(out.drawing.tagName).toBe("table");
        expect(attr(out.drawing, "aria-label")?.length).toBeGreaterThan(40);
        const other = runs[pic.profiles[1]].hosts[0].trace;
        expect(attr(out.drawing, "data-divergence")).toBe(String(firstDivergence(trace, other)));
      }
    });
  }
});

describe("the rendering code is browser-safe", () => {
  const dir = join(root, "src", "pictures");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.startsWith("client"),
  );
  test.each(files)("src/pictures/%s imports no node:* and touches no DOM", (f) => {
    const text = readFileSync(join(dir, f), "utf8");
    expect(text).not.toMatch(/from\s+["']node:/);
    expect(text).not.toMatch(/\b(document|window|navigator|customElements)\s*\.|\bHTML\w*Element\b/);
  });
});
