/** The state view is the depth-0 entries' states of the verified run, step for step. */
import { describe, expect, test } from "vitest";
import { buildStateView, renderStateViewSvg, renderStateViewTable, type TraceEntry } from "../../src/pictures";
import { attr, attrOf, select, selectAll, tableSeqs, textOf, verifiedTrace } from "./helpers";

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
      // The table has one row per step; the drawing covers every step (drawn, merged or folded).
      expect(tableSeqs(renderStateViewTable(v))).toEqual(actions(trace).map((e) => e.seq));
      const drawn = v.items.reduce((n, i) => n + (i.kind === "fold" ? i.count : i.count), 0);
      expect(drawn).toBe(v.steps.length);
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
    const svg = renderStateViewSvg(v);
    expect(attr(svg, "role")).toBe("img");
    const label = attr(svg, "aria-label") ?? "";
    expect(label).toContain(`from step ${grown?.step} the MSI-X Table Size is 64 but the domain's hwsize is still 8`);
    // Stale steps get the boundary line, the out-of-range part of the Table Size, and words.
    const staleGroups = selectAll("g.msi-pic__state.msi-pic__state--stale", svg);
    expect(staleGroups.length).toBeGreaterThan(0);
    for (const g of staleGroups) {
      expect(select("line.msi-pic__boundary", g)).toBeDefined();
      expect(select("rect.msi-pic__beyond", g)).toBeDefined();
      expect(selectAll("text.msi-pic__value--stale", g).map(textOf)).toEqual(["8 ⚠ stale (≠ 64)"]);
    }
    expect(selectAll("tr.msi-pic__tr--stale td", renderStateViewTable(v)).map(textOf)).toContain("8 ⚠ stale");
  });

  test("on v6.5+fix the domain goes away at close and comes back with hwsize 64", () => {
    const v = buildStateView(fixed, { title, profile: "v6.5+fix" });
    expect(v.steps.some((s) => s.stale)).toBe(false);
    const close = v.steps.find((s) => s.fn === "vfio_pci_put_device");
    expect(close?.before?.domain).toEqual({ hwsize: 8 });
    expect(close?.after.domain).toBeNull();
    expect(close?.changes).toContain("domain removed");
    const svg = renderStateViewSvg(v);
    const closed = select(`g.msi-pic__state[data-step="${close?.step}"]`, svg);
    expect(textOf(select("text.msi-pic__none-text", closed))).toBe("no domain: removed at this step");
    expect(textOf(select("text.msi-pic__value--gone", closed))).toBe("✂ removed");
    expect(attr(svg, "aria-label")).toContain(`the domain is removed at step ${close?.step}`);
    expect(v.steps.at(-1)?.after.domain).toEqual({ hwsize: 64 });
    expect(attrOf(svg, "g.msi-pic__state", "data-hwsize").at(-1)).toBe("64");
  });

  test("repeated actions are drawn once, after the last of the run, unless all steps are asked for", () => {
    const v = buildStateView(bug, { title, profile: "v6.5" });
    const run = v.items.find((i) => i.kind === "step" && i.count > 1);
    expect(run?.kind === "step" && run.first.fn).toBe("vfio_msix_vector_do_use");
    const heads = selectAll("text.msi-pic__state-head", renderStateViewSvg(v)).map(textOf);
    expect(heads.some((h) => h.includes("8 × vfio_msix_vector_do_use(…), each = 0"))).toBe(true);
    const all = buildStateView(bug, { title, profile: "v6.5", all: true });
    expect(all.items.every((i) => i.kind === "step" && i.count === 1)).toBe(true);
  });
});
