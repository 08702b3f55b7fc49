/** The state view is the depth-0 entries' states of the verified run, step for step. */
import { describe, expect, test } from "vitest";
import type { Element } from "hast";
import { buildStateView, renderStateViewDrawing, type TraceEntry } from "../../src/pictures";
import { attr, attrOf, select, selectAll, textOf, verifiedTrace } from "./helpers";

/** A drawn step's rows: name → value in words (what its bar shows). */
function rowsOf(li: Element | undefined): Record<string, string> {
  return Object.fromEntries(
    selectAll("dl > div", li as Element).map((d) => [textOf(select("dt", d)), textOf(select(".msi-pic__value", d))]),
  );
}

const SEED = "start/overview/seed-scenario";
const bug = verifiedTrace(SEED, "v6.5");
const fixed = verifiedTrace(SEED, "v6.5+fix");
const title = "the seed scenario";
const BDF = "0000:2e:00.1";

const actions = (t: readonly TraceEntry[]) => t.filter((e) => e.depth === 0 && e.state && e.bdf === BDF);

describe("state view of the seed scenario", () => {
  test("its steps equal the depth-0 entries' states, in order", () => {
    for (const trace of [bug, fixed]) {
      const v = buildStateView(trace, { title, profile: "x" });
      expect(v.bdf).toBe(BDF);
      expect(v.steps.map((s) => [s.seq, s.after])).toEqual(actions(trace).map((e) => [e.seq, e.state]));
      // "before" is the state after the previous step.
      for (const [i, s] of v.steps.entries()) expect(s.before).toEqual(i === 0 ? null : v.steps[i - 1].after);
      // The drawing covers every step (drawn, merged or folded), in order, and says so in words.
      const drawn = v.items.reduce((n, i) => n + (i.kind === "fold" ? i.count : i.count), 0);
      expect(drawn).toBe(v.steps.length);
      const drawing = renderStateViewDrawing(v);
      const lis = selectAll("ol.msi-pic__steps > li", drawing);
      expect(lis.length).toBe(v.items.length);
      let covered = 0;
      for (const [k, item] of v.items.entries()) {
        const li = lis[k];
        if (item.kind === "fold") {
          expect(attr(li, "data-folded")).toBe(String(item.count));
          expect(textOf(li)).toContain(
            `${item.count} step${item.count === 1 ? "" : "s"} without a state change folded`,
          );
        } else {
          expect(attr(li, "data-step")).toBe(String(item.last.step));
          expect(attr(li, "data-table-size")).toBe(String(item.last.after.tableSize));
          // Every row's value is in words, next to its bar: the Table Size first.
          expect(rowsOf(li)["Table Size (config)"]).toMatch(new RegExp(`^${item.last.after.tableSize} · `));
          expect(Object.keys(rowsOf(li))).toEqual([
            "Table Size (config)",
            "domain hwsize",
            "descriptors",
            "VFIO contexts",
          ]);
          expect(textOf(select(".msi-pic__changes", li))).toMatch(/^Changed: .+\.$/);
        }
        covered += item.count;
      }
      expect(covered).toBe(actions(trace).length);
    }
  });

  test("the check fails when the picture and the trace disagree", () => {
    const v = buildStateView(bug, { title, profile: "v6.5" });
    const other = actions(fixed).map((e) => [e.seq, e.state]);
    expect(v.steps.map((s) => [s.seq, s.after])).not.toEqual(other);
  });

  test("on v6.5 the stale size is obvious: Table Size 64 against hwsize 8", () => {
    const v = buildStateView(bug, { title, profile: "v6.5" });
    const grown = v.steps.find((s) => s.fn === "firmware_set_msix_count");
    expect(grown?.after.tableSize).toBe(64);
    expect(grown?.after.domain).toEqual({ hwsize: 8 });
    expect(grown?.stale).toBe(true);
    expect(grown?.changes).toContain("Table Size 8 → 64");
    const drawing = renderStateViewDrawing(v);
    const label = attr(select("ol.msi-pic__steps", drawing), "aria-label") ?? "";
    expect(label).toContain(`from step ${grown?.step} the MSI-X Table Size is 64 but the domain's hwsize is still 8`);
    expect(attr(drawing, "style")).toContain("--s:64;");
    // Stale steps get the out-of-range part of the Table Size (from hwsize, its left edge the
    // boundary), a red hwsize bar, a red frame, and words.
    const staleSteps = selectAll("li.msi-pic__state.msi-pic__state--stale", drawing);
    expect(staleSteps.length).toBeGreaterThan(0);
    for (const li of staleSteps) {
      expect(attr(select("i.msi-pic__beyond", li), "style")).toBe("--a:8;--n:56");
      expect(attr(select("i.msi-pic__bar--stale", li), "style")).toBe("--n:8");
      expect(selectAll(".msi-pic__value--stale", li).map(textOf)).toEqual(["8 ⚠ stale (≠ 64)"]);
      expect(rowsOf(li)["domain hwsize"]).toBe("8 ⚠ stale (≠ 64)");
      expect(textOf(select(".msi-pic__changes", li))).toMatch(/Table Size 8 → 64|MSI-X enabled/);
    }
  });

  test("on v6.5+fix the domain goes away at close and comes back with hwsize 64", () => {
    const v = buildStateView(fixed, { title, profile: "v6.5+fix" });
    expect(v.steps.some((s) => s.stale)).toBe(false);
    const close = v.steps.find((s) => s.fn === "vfio_pci_put_device");
    expect(close?.before?.domain).toEqual({ hwsize: 8 });
    expect(close?.after.domain).toBeNull();
    expect(close?.changes).toContain("domain removed");
    const drawing = renderStateViewDrawing(v);
    const closed = select(`li.msi-pic__state[data-step="${close?.step}"]`, drawing);
    expect(select("i.msi-pic__none", closed)).toBeDefined();
    expect(textOf(select(".msi-pic__value--gone", closed))).toBe("✂ removed");
    expect(textOf(select(".msi-pic__changes", closed))).toContain("domain removed");
    expect(attr(select("ol.msi-pic__steps", drawing), "aria-label")).toContain(
      `the domain is removed at step ${close?.step}`,
    );
    expect(v.steps.at(-1)?.after.domain).toEqual({ hwsize: 64 });
    expect(attrOf(drawing, "li.msi-pic__state", "data-hwsize").at(-1)).toBe("64");
    expect(rowsOf(selectAll("li.msi-pic__state", drawing).at(-1))["domain hwsize"]).toBe("64");
  });

  test("repeated actions are drawn once, after the last of the run, unless all steps are asked for", () => {
    const v = buildStateView(bug, { title, profile: "v6.5" });
    const run = v.items.find((i) => i.kind === "step" && i.count > 1);
    expect(run?.kind === "step" && run.first.fn).toBe("vfio_msix_vector_do_use");
    const heads = selectAll(".msi-pic__state-head", renderStateViewDrawing(v)).map(textOf);
    expect(heads.some((h) => h.includes("8 × vfio_msix_vector_do_use(…), each = 0"))).toBe(true);
    const all = buildStateView(bug, { title, profile: "v6.5", all: true });
    expect(all.items.every((i) => i.kind === "step" && i.count === 1)).toBe(true);
  });
});
