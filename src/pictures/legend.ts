/**
 * The visible legends: what each glyph and colour of a drawing means, with a
 * small swatch drawn by the same classes (so it has the drawing's colours in
 * both themes), and the key values a narrow screen shows as text above a
 * drawing that scrolls sideways. HTML, built with hastscript. Browser-safe.
 */
import { type Element, type ElementContent, h, s } from "./svg";
import { LANES, OUTCOME_MARK, type Outcome } from "./trace-data";

/** One entry of a legend: a swatch and its meaning. */
export interface LegendItem {
  swatch: ElementContent[];
  words: string;
}

const SW = 30;
const SH = 16;

/**
 * A swatch: a small SVG with the drawing's classes, hidden from assistive technology (the words
 * say it). Its size (SW × SH CSS px, so one user unit per px without a viewBox) is in the
 * picture styles (PictureFrame.astro), not repeated on every swatch.
 */
export function swatch(children: ElementContent[]): Element {
  return s("svg", { class: "msi-pic__swatch", "aria-hidden": "true" }, children);
}

/** A glyph on a band of the given class ("" for no band). */
export function glyphSwatch(glyph: string, band: string, textClass = "msi-pic__call"): ElementContent[] {
  return [
    ...(band ? [s("rect", { class: band, x: 0, y: 1, width: SW, height: SH - 2, rx: 2 })] : []),
    s("text", { class: textClass, x: SW / 2, y: SH - 4, "text-anchor": "middle" }, glyph),
  ];
}

/** A bar (or cells) of the given class. */
export function barSwatch(cls: string, cells = 1): ElementContent[] {
  const w = (SW - 2) / cells;
  return Array.from({ length: cells }, (_, i) =>
    s("rect", { class: cls, x: 1 + i * w, y: 3, width: Math.max(1, w - (cells > 1 ? 1 : 0)), height: SH - 6 }),
  );
}

/** The legend of outcomes that occur in a drawing, in a fixed order. */
export function outcomeItems(present: ReadonlySet<Outcome>): LegendItem[] {
  const band: Record<Exclude<Outcome, null>, string> = {
    origin: "msi-pic__band msi-pic__band--origin",
    passes: "msi-pic__band msi-pic__band--passes",
    handled: "",
    warn: "msi-pic__band msi-pic__band--warn",
  };
  const text: Record<Exclude<Outcome, null>, string> = {
    origin: "the call where an error starts (red band)",
    passes: "a caller that passes the error up (pale band)",
    handled: "an error return that its caller handles (orange value)",
    warn: "a WARN_ON_ONCE (orange band)",
  };
  return (["origin", "passes", "handled", "warn"] as const)
    .filter((o) => present.has(o))
    .map((o) => ({
      swatch: glyphSwatch(OUTCOME_MARK[o].icon, band[o], `msi-pic__glyph msi-pic__glyph--${o}`),
      words: `${OUTCOME_MARK[o].words}: ${text[o]}`,
    }));
}

/** The chips of the side-by-side view: one colour per lane. */
export function laneChipItems(): LegendItem[] {
  return LANES.map((lane) => ({
    swatch: [s("rect", { class: `msi-pic__chip msi-pic__chip--${lane.id}`, x: 12, y: 2, width: 7, height: SH - 4 })],
    words: `${lane.label}: ${lane.description}`,
  }));
}

/** The "folded" marker, shared by every drawing. */
export function foldItem(what: string): LegendItem {
  return { swatch: glyphSwatch("⋯", "msi-pic__fold-band", "msi-pic__fold-text"), words: what };
}

/** The legend as a list, labelled for assistive technology. */
export function legendList(items: readonly LegendItem[], label = "Legend"): Element {
  return h(
    "ul",
    { class: "msi-pic__legend", "aria-label": label },
    items.map((i) => h("li", [swatch(i.swatch), h("span", i.words)])),
  );
}

/** Key values as short lines of text; each line is a list of text and code parts. */
export function keyList(lines: readonly (readonly (string | { code: string })[])[], label: string): Element {
  return h(
    "ul",
    { class: "msi-pic__keys", "aria-label": label },
    lines.map((parts) =>
      h(
        "li",
        parts.map((p) => (typeof p === "string" ? p : h("code", p.code))),
      ),
    ),
  );
}
