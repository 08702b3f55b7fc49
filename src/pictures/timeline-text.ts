/**
 * The timeline in words: the text alternative (the calls the drawing shows, with
 * its folds summarised the same way, and a <details> that lists every call, per
 * user action, built only when a reader opens it), the visible legend, and the
 * key values for narrow screens. HTML trees built with hastscript. Browser-safe.
 */
import { foldItem, glyphSwatch, keyList, type LegendItem, legendList, outcomeItems } from "./legend";
import { type Element, h, s } from "./svg";
import { outcomeMark, type Timeline, type TimelineGroup, type TimelineItem, type TimelineRow } from "./timeline";
import { foldText } from "./timeline-svg";
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

function itemRow(i: TimelineItem): Element {
  if (i.kind === "row") return callRow(i.row);
  const data = { "data-folded": i.count, "data-from-seq": i.first.seq, "data-to-seq": i.last.seq };
  return h("tr", { class: "msi-pic__tr--fold", ...data }, h("td", { colSpan: 4 }, foldText(i)));
}

/**
 * The text alternative: the calls the drawing shows, in one table, each fold a row that
 * says what it hides as the drawing does. When the drawing folds, a second <details>
 * (data-picture-all) lists every call per user action; the page builds it from the run
 * when it is opened (src/pictures/client/all-calls.ts), so its rows are not in the HTML.
 * Without JavaScript the snippet's expected output gives the run's printed text.
 */
export function renderTimelineTable(t: Timeline): Element {
  const header = h(
    "tr",
    ["#", "lane", "call", "returns"].map((c) => h("th", { scope: "col" }, c)),
  );
  const drawn = t.rows.length - t.folded;
  const shown = h("details", { class: "msi-pic__text" }, [
    h(
      "summary",
      t.folded > 0
        ? `The ${drawn} calls drawn (of ${t.rows.length} on ${t.profile}), as a table`
        : `All ${t.rows.length} calls on ${t.profile}, as a table`,
    ),
    lanesNote(),
    h("table", [h("thead", header), h("tbody", t.items.map(itemRow))]),
  ]);
  if (t.folded === 0) return h("div", shown);
  const all = h("details", { class: "msi-pic__text msi-pic__all", "data-picture-all": "" }, [
    h("summary", `All ${t.rows.length} calls on ${t.profile}, per user action`),
    h(
      "p",
      { "data-picture-all-body": "" },
      "Listed here when opened, from the same run (with JavaScript; without it, the snippet's expected output above is the run's printed text).",
    ),
  ]);
  return h("div", [shown, all]);
}

/** What the glyphs and colours of this timeline mean (only the outcomes it shows). */
export function renderTimelineLegend(t: Timeline): Element {
  const present = new Set<Outcome>(t.items.flatMap((i) => (i.kind === "row" ? [i.row.outcome] : [])));
  const items: LegendItem[] = [
    {
      swatch: [
        s("line", { class: "msi-pic__arrow", x1: 2, y1: 8, x2: 20, y2: 8 }),
        s("polygon", { class: "msi-pic__arrow-head", points: "27,8 20,4.5 20,11.5" }),
        s("circle", { class: "msi-pic__dot", cx: 26, cy: 8, r: 3.5 }),
      ],
      words: "a call: its dot sits in the lane of its layer, the arrow comes from its caller's lane",
    },
    { swatch: glyphSwatch("f()", "", "msi-pic__call msi-pic__call--action"), words: "bold: a user action (a step)" },
    ...outcomeItems(present),
  ];
  if (t.origins.length > 0)
    items.splice(2, 0, {
      swatch: [s("path", { class: "msi-pic__cross", d: "M10,3L20,13M20,3L10,13" })],
      words: "a cross in the lane: the call where the error starts",
    });
  if (t.folded > 0) items.push(foldItem("calls folded in the drawing; “All … calls” below lists every one"));
  return legendList(items, "Legend of the call timeline");
}

/** The timeline's key values as text: where errors start, warnings, handled errors. */
export function renderTimelineKeys(t: Timeline): Element {
  const steps = t.groups.length;
  const lines: (string | { code: string })[][] = [
    [`${t.rows.length} calls in ${steps} user action${steps === 1 ? "" : "s"} on ${t.profile}.`],
  ];
  for (const r of t.origins.slice(0, 3))
    lines.push(["✖ ", { code: `${r.call} = ${r.retText}` }, ` fails here: step ${r.step}, call #${r.seq}.`]);
  for (const r of t.faults.filter((f) => f.outcome === "warn").slice(0, 2))
    lines.push(["⚠ ", { code: r.call }, ` fires at step ${r.step}, call #${r.seq}.`]);
  const handled = [...new Map(t.rows.filter((r) => r.outcome === "handled").map((r) => [r.fn, r])).values()];
  for (const r of handled.slice(0, 2))
    lines.push(["↷ ", { code: `${r.fn} = ${r.retText}` }, " is handled by its caller."]);
  if (t.origins.length === 0) lines.push(["No call fails."]);
  return keyList(lines, "Key values of the call timeline");
}
