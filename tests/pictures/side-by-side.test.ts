/** Side by side: the two verified runs, and the first call where they differ marked. */
import { describe, expect, test } from "vitest";
import type { Element } from "hast";
import {
  buildSideBySide,
  firstDivergence,
  LANES,
  laneOf,
  renderSideBySideDrawing,
  type TraceEntry,
} from "../../src/pictures";
import { attr, select, selectAll, textOf, verifiedTrace } from "./helpers";

/** The drawn calls of one column (0 = left) of a side-by-side table: number, lane chip, text, class. */
function column(table: Element, side: number) {
  return selectAll("tbody tr", table)
    .map((tr) => selectAll("td", tr))
    .filter((tds) => tds.length === 2)
    .map((tds) => tds[side])
    .filter((td) => select("b", td) !== undefined)
    .map((td) => ({
      seq: Number(textOf(select("b", td))),
      chip: attr(select("b", td), "class") ?? "",
      lane: textOf(select(".sr-only", td)).trim().replace(/:$/, ""),
      text: textOf(select("code", td)),
      cls: attr(td, "class") ?? "",
    }));
}

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
    const table = renderSideBySideDrawing(s);
    expect(table.tagName).toBe("table");
    expect(selectAll("thead th", table).map(textOf)).toEqual([
      `v6.5 · ${bug.length} calls`,
      `v6.5+fix · ${fixed.length} calls`,
    ]);
    const marks = selectAll("tr.msi-pic__diverge", table);
    expect(marks.map((tr) => attr(tr, "data-diverge-index"))).toEqual([String(d)]);
    expect(textOf(marks[0])).toBe(`◆ the traces diverge at call #${d}`);
    expect(select("td", marks[0])?.properties.colSpan).toBe(2);
    // The rows above the mark are the same calls on both sides; the first row below it differs.
    const rows = selectAll("tbody tr", table);
    const at = rows.indexOf(marks[0]);
    const cellText = (tr: Element, side: number) => textOf(select("code", selectAll("td", tr)[side]));
    expect(cellText(rows[at - 1], 0)).toBe(cellText(rows[at - 1], 1));
    expect(cellText(rows[at + 1], 0)).not.toBe(cellText(rows[at + 1], 1));
    const label = attr(table, "aria-label") ?? "";
    expect(label).toContain(`The first ${d} calls are the same; at call #${d} they diverge`);
    expect(label).toContain("On v6.5 msi_insert_desc returns -34 ERANGE");
    expect(label).toContain("On v6.5+fix no call fails.");
  });

  test("each side shows its own trace's entries, in order, and the failure on v6.5", () => {
    const s = buildSideBySide(bug, fixed, options);
    const table = renderSideBySideDrawing(s);
    for (const [side, trace] of [
      [0, bug],
      [1, fixed],
    ] as const) {
      const cells = column(table, side);
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) {
        const e = trace[c.seq];
        // The call in words, its lane in words and as the chip's colour.
        expect(c.text.replace(/^[✖↑↷⚠]\u00a0/, "")).toMatch(new RegExp(`^${e.fn}\\(`));
        expect(c.lane).toBe(LANES[laneOf(e.layer)].label);
        expect(c.chip).toContain(`msi-pic__chip--${LANES[laneOf(e.layer)].id}`);
      }
      const order = cells.map((c) => c.seq);
      expect(order).toEqual([...order].sort((x, y) => x - y));
    }
    const failing = column(table, 0).filter((c) => /^✖\u00a0msi_insert_desc\(.* = -34 ERANGE$/.test(c.text));
    expect(failing).toHaveLength(1);
    expect(failing[0].cls).toContain("msi-pic__row--origin");
  });

  test("the same trace twice has no divergence marker", () => {
    const s = buildSideBySide(bug, bug, options);
    expect(s.divergence).toBe(-1);
    expect(selectAll(".msi-pic__diverge", renderSideBySideDrawing(s))).toEqual([]);
    expect(s.ariaLabel).toContain("gives the same");
  });

  test("a trace that is a prefix of the other diverges where it ends", () => {
    expect(firstDivergence(bug.slice(0, 10), bug)).toBe(10);
  });
});
