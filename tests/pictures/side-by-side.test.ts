/** Side by side: the two verified runs, and the first call where they differ marked. */
import { describe, expect, test } from "vitest";
import {
  buildSideBySide,
  firstDivergence,
  renderSideBySideSvg,
  renderSideBySideTable,
  type TraceEntry,
} from "../../src/pictures";
import { attr, attrOf, select, selectAll, textOf, verifiedTrace } from "./helpers";

const SRC = "the-bug/the-patch/fixed-run";
const bug = verifiedTrace(SRC, "v6.5");
const fixed = verifiedTrace(SRC, "v6.5+fix");
const options = { title: "the fixed run", profiles: ["v6.5", "v6.5+fix"] as const };

/** The first index where fn, args, depth or ret differ, computed the plain way. */
function naiveDivergence(a: readonly TraceEntry[], b: readonly TraceEntry[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (
      !x ||
      !y ||
      x.fn !== y.fn ||
      x.depth !== y.depth ||
      JSON.stringify(x.ret) !== JSON.stringify(y.ret) ||
      JSON.stringify(x.args) !== JSON.stringify(y.args)
    )
      return i;
  }
  return -1;
}

describe("side by side of the fixed run", () => {
  test("marks the first entry where the traces differ (fn/args/ret)", () => {
    const d = firstDivergence(bug, fixed);
    expect(d).toBe(naiveDivergence(bug, fixed));
    expect(d).toBeGreaterThan(0);
    // Before it the runs agree; at it the patched kernel removes the domain.
    expect(fixed[d].fn).toBe("msi_remove_device_irq_domain");
    const s = buildSideBySide(bug, fixed, options);
    expect(s.divergence).toBe(d);
    const svg = renderSideBySideSvg(s);
    expect(attr(svg, "role")).toBe("img");
    expect(attrOf(svg, "g.msi-pic__diverge", "data-diverge-index")).toEqual([String(d)]);
    expect(textOf(select("g.msi-pic__diverge text", svg))).toBe(`◆ the traces diverge at call #${d}`);
    const label = attr(svg, "aria-label") ?? "";
    expect(label).toContain(`The first ${d} calls are the same; at call #${d} they diverge`);
    expect(label).toContain("On v6.5 msi_insert_desc returns -34 ERANGE");
    expect(label).toContain("On v6.5+fix no call fails.");
    expect(textOf(select("tr.msi-pic__tr--diverge", renderSideBySideTable(s)))).toBe(
      `◆ The traces diverge here, at call #${d}.`,
    );
  });

  test("each side shows its own trace's entries, in order, and the failure on v6.5", () => {
    const s = buildSideBySide(bug, fixed, options);
    const svg = renderSideBySideSvg(s);
    for (const [side, trace] of [
      [0, bug],
      [1, fixed],
    ] as const) {
      const cells = selectAll(`g.msi-pic__row[data-side="${side}"]`, svg);
      expect(cells.length).toBeGreaterThan(0);
      for (const g of cells) expect(trace[Number(attr(g, "data-seq"))].fn).toBe(attr(g, "data-fn"));
      const order = cells.map((g) => Number(attr(g, "data-seq")));
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    expect(
      select('g.msi-pic__row[data-side="0"][data-fn="msi_insert_desc"][data-ret="-34 ERANGE"]', svg),
    ).toBeDefined();
  });

  test("the same trace twice has no divergence marker", () => {
    const s = buildSideBySide(bug, bug, options);
    expect(s.divergence).toBe(-1);
    expect(selectAll(".msi-pic__diverge", renderSideBySideSvg(s))).toEqual([]);
    expect(s.ariaLabel).toContain("gives the same");
  });

  test("a trace that is a prefix of the other diverges where it ends", () => {
    expect(firstDivergence(bug.slice(0, 10), bug)).toBe(10);
  });
});
