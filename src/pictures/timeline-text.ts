/**
 * The timeline's companions: the list of every call, per user action (a <details>
 * built only when a reader opens it, when the drawing folds), and the visible legend.
 * The drawing is text itself (timeline-draw.ts) and wraps to the column, so it needs
 * no separate table of the drawn calls nor key values for narrow screens. HTML trees
 * built with hastscript. Browser-safe.
 */
import { type LegendItem, legendList, mark, outcomeMarks } from "./legend";
import { type Element, h } from "./hast";
import { outcomeMark, type Timeline, type TimelineGroup, type TimelineRow } from "./timeline";
import { LANES, type Outcome } from "./trace-data";

function callRow(r: TimelineRow): Element {
  const ret =
    r.retText === ""
      ? [h("span", { class: "msi-pic__void" }, "void")]
      : [r.retText, ...(r.outcome ? [" ", h("strong", outcomeMark(r.outcome))] : [])];
  return h("tr", { class: r.outcome ? `msi-pic__tr--${r.outcome}` : undefined, "data-seq": r.seq }, [
    h("td", String(r.seq)),
    h("td", LANES[r.lane].label),
    h("td", h("code", { style: `--d:${r.depth}` }, r.call)),
    h("td", ret),
  ]);
}

function stepDetails(g: TimelineGroup): Element {
  const failing = g.rows.filter((r) => r.origin);
  const warns = g.rows.filter((r) => r.outcome === "warn");
  const note = [...failing.map((r) => `✖ ${r.fn} returns ${r.retText}`), ...warns.map(() => "⚠ WARN_ON_ONCE")].join(
    "; ",
  );
  const head = `${g.head.call}${g.head.retText === "" ? "" : ` = ${g.head.retText}`}`;
  const count = `(${g.rows.length} call${g.rows.length === 1 ? "" : "s"})`;
  const summary = h("summary", [
    `Step ${g.step}: `,
    h("code", head),
    " ",
    h("span", { class: "msi-pic__count" }, count),
    ...(note ? [" ", h("strong", { class: "msi-pic__note" }, note)] : []),
  ]);
  const header = h(
    "tr",
    ["#", "lane", "call", "returns"].map((c) => h("th", { scope: "col" }, c)),
  );
  return h("details", { class: "msi-pic__step", open: failing.length > 0 || warns.length > 0, "data-step": g.step }, [
    summary,
    h("table", [h("thead", header), h("tbody", g.rows.map(callRow))]),
  ]);
}

function lanesNote(): Element {
  const lanes = LANES.flatMap((l, i) => [...(i > 0 ? ["; "] : []), h("strong", l.label), `: ${l.description}`]);
  return h("p", { class: "msi-pic__lanes" }, ["Lanes: ", ...lanes, ". Indentation is call depth."]);
}

/** Every call as HTML tables, one <details> per user action (those with a failure open). */
export function renderTimelineCalls(t: Timeline): Element[] {
  return [lanesNote(), ...t.groups.map(stepDetails)];
}

/**
 * The text alternative beside the drawing, which is itself text (a list of the drawn calls and
 * folds, src/pictures/timeline-draw.ts): when the drawing folds, a <details> (data-picture-all)
 * lists every call per user action; the page builds it from the run when it is opened
 * (src/pictures/client/all-calls.ts), so its rows are not in the HTML. Without JavaScript the
 * snippet's expected output gives the run's printed text. Nothing when nothing is folded.
 */
export function renderTimelineTable(t: Timeline): Element | undefined {
  if (t.folded === 0) return undefined;
  return h("details", { class: "msi-pic__text msi-pic__all", "data-picture-all": "" }, [
    h("summary", `All ${t.rows.length} calls on ${t.profile}, per user action`),
    h(
      "p",
      { "data-picture-all-body": "" },
      "Listed here when opened, from the same run (with JavaScript; without it, the snippet's expected output above is the run's printed text).",
    ),
  ]);
}

/** What the marks and colours of this timeline mean (only the outcomes it shows). */
export function renderTimelineLegend(t: Timeline): Element {
  const present = new Set<Outcome>(t.items.flatMap((i) => (i.kind === "row" ? [i.row.outcome] : [])));
  const items: LegendItem[] = [
    {
      mark: mark("msi-pic__mark--call"),
      words: "a call: its dot sits in the lane of its layer, the line comes from its caller's lane",
    },
    { mark: mark("msi-pic__mark--action", "f()"), words: "bold: a user action (a step)" },
    ...outcomeMarks(present),
  ];
  if (t.origins.length > 0)
    items.splice(2, 0, {
      mark: mark("msi-pic__mark--cross", "✖"),
      words: "a cross in the lane: the call where the error starts",
    });
  if (t.folded > 0)
    items.push({
      mark: mark("msi-pic__fold", "⋯"),
      words: "calls folded in the drawing; “All … calls” below lists every one",
    });
  return legendList(items, "Legend of the call timeline");
}
