/**
 * The visible legends: what each mark and colour of a drawing means, each with a
 * small mark drawn by the drawing's own classes (so it has the drawing's colours in
 * both themes). HTML, built with hastscript. Browser-safe.
 */
import { type Element, h } from "./hast";
import { OUTCOME_MARK, type Outcome } from "./trace-data";

/** One entry of a legend: a mark (an HTML element drawn by CSS, like the drawing's), and its meaning. */
export interface LegendItem {
  mark: Element;
  words: string;
}

/**
 * A mark of a drawing: a span with the drawing's classes (so its colours follow the theme);
 * `glyph` is its visible text, if any, hidden from assistive technology (the words say it).
 */
export function mark(cls: string, glyph = ""): Element {
  return glyph
    ? h("span", { class: `msi-pic__mark ${cls}`, "aria-hidden": "true" }, glyph)
    : h("span", { class: `msi-pic__mark ${cls}` });
}

/** The outcomes that occur in a drawing (the timeline, side by side), as marks on the drawing's bands. */
export function outcomeMarks(present: ReadonlySet<Outcome>): LegendItem[] {
  // After the icon's own words (OUTCOME_MARK): how it is drawn, and what it means when they do not say.
  const text: Record<Exclude<Outcome, null>, string> = {
    origin: "(red band, framed): the error starts in this call",
    passes: "(red band)",
    handled: "(orange value)",
    warn: "(orange band): a WARN_ON_ONCE",
  };
  return (["origin", "passes", "handled", "warn"] as const)
    .filter((o) => present.has(o))
    .map((o) => ({
      mark: mark(`msi-pic__row--${o}`, OUTCOME_MARK[o].icon),
      words: `${OUTCOME_MARK[o].words} ${text[o]}`,
    }));
}

/** The legend as a list, labelled for assistive technology. */
export function legendList(items: readonly LegendItem[], label = "Legend"): Element {
  return h(
    "ul",
    { class: "msi-pic__legend", "aria-label": label },
    items.map((i) => h("li", [i.mark, h("span", i.words)])),
  );
}
