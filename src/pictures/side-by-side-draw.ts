/**
 * Side by side, drawn as one HTML table that is both the drawing and its text: a column
 * per kernel profile, a row per pair of calls (each cell a call as the timeline draws
 * it, its lane a colour chip beside its number), folds, and the row where the traces
 * diverge marked across both columns; the legend says what the chips, marks and bands
 * mean. The table wraps to the column (PictureFrame.astro), so it needs no key values
 * for narrow screens. Browser-safe.
 */
import { type LegendItem, legendList, mark, outcomeMarks } from "./legend";
import type { SideBySide, SideCell } from "./side-by-side";
import { type Element, h } from "./hast";
import { callClass, callContent } from "./timeline-draw";
import { callText, LANES, laneOf, type Outcome, retText, type TraceEntry } from "./trace-data";

function cell(c: SideCell): Element {
  if (c.kind === "blank") return h("td");
  if (c.kind === "end") return h("td", { class: "msi-pic__end" }, "(end of trace)");
  if (c.kind === "fold")
    return h(
      "td",
      { class: "msi-pic__fold", "data-folded": c.count ?? 0 },
      `⋯ ${c.count} call${c.count === 1 ? "" : "s"} folded (#${c.from}–#${c.to})`,
    );
  const e = c.entry as TraceEntry;
  const lane = laneOf(e.layer);
  const drawn = {
    seq: e.seq,
    lane,
    depth: e.depth,
    call: callText(e),
    retText: retText(e),
    outcome: c.outcome ?? null,
  };
  const style = `--d:${Math.min(e.depth, 8)}`;
  return h("td", { class: callClass(drawn), style }, callContent(drawn, `msi-pic__chip--${LANES[lane].id}`));
}

/** Draws the two traces as a table named by its summary. */
export function renderSideBySideDrawing(sb: SideBySide): Element {
  const rows: Element[] = [];
  sb.rows.forEach((pair, k) => {
    if (k === sb.markerRow && sb.divergence >= 0)
      rows.push(
        h(
          "tr",
          { class: "msi-pic__diverge", "data-diverge-index": sb.divergence },
          h("td", { colSpan: 2 }, `◆ the traces diverge at call #${sb.divergence}`),
        ),
      );
    rows.push(h("tr", pair.map(cell)));
  });
  if (sb.divergence < 0)
    rows.push(h("tr", h("td", { colSpan: 2, class: "msi-pic__end" }, "The two traces are the same, call for call.")));
  const head = h(
    "tr",
    sb.profiles.map((p, i) => h("th", { scope: "col" }, `${p} · ${sb.lengths[i]} calls`)),
  );
  return h(
    "table",
    { class: "msi-pic__sbs not-content", "aria-label": sb.ariaLabel, "data-divergence": sb.divergence },
    [h("thead", head), h("tbody", rows)],
  );
}

/** The lane colours, the divergence marker and the outcomes the columns show. */
export function renderSideBySideLegend(sb: SideBySide): Element {
  const present = new Set<Outcome>(
    sb.rows.flatMap((p) => p.map((c) => (c.kind === "row" ? (c.outcome ?? null) : null))),
  );
  const items: LegendItem[] = LANES.map((lane) => ({
    mark: mark(`msi-pic__chip msi-pic__chip--${lane.id}`),
    words: `${lane.label}: ${lane.description}`,
  }));
  if (sb.divergence >= 0)
    items.push({ mark: mark("msi-pic__diverge", "◆"), words: "the first call where the two traces differ" });
  items.push(...outcomeMarks(present));
  if (sb.rows.some((p) => p.some((c) => c.kind === "fold")))
    items.push({ mark: mark("msi-pic__fold", "⋯"), words: "calls folded" });
  return legendList(items, "Legend of the side-by-side view");
}
