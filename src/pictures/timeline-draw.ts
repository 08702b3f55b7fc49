/**
 * The call timeline drawn as one HTML list that is both the drawing and its text: one
 * item per drawn call (its number, its call and return value as real text, wrapped by
 * the browser), the lanes of the layers drawn by CSS (PictureFrame.astro; "not-content"
 * keeps Starlight's prose list and code styles out) from three
 * numbers on the item: its lane (--l), its caller's lane (--f) and its depth (--d);
 * "folded" markers in between. A screen reader reads the list (named by the summary),
 * each call with its lane's name; the lane heads are drawn once, above. Browser-safe.
 */
import { type Element, h } from "./hast";
import type { Timeline, TimelineItem, TimelineRow } from "./timeline";
import { LANES, OUTCOME_MARK, type Outcome } from "./trace-data";

/** The words of a fold marker (the drawing's and the text alternative's). */
export function foldText(f: Extract<TimelineItem, { kind: "fold" }>): string {
  const calls = `⋯ ${f.count} call${f.count === 1 ? "" : "s"} folded`;
  const [a, b] = f.steps ?? [0, 0];
  const steps =
    f.actions > 0 ? `, ${f.actions} user action${f.actions === 1 ? ` (step ${a})` : `s (steps ${a}–${b})`}` : "";
  return `${calls}${steps} (#${f.first.seq}–#${f.last.seq})`;
}

/**
 * The lane heads, drawn once above the list (the items name their lane in words themselves; the
 * legend of side by side and the "All … calls" list say what each lane holds).
 */
function laneHeads(): Element {
  return h("div", { class: "msi-pic__heads", "aria-hidden": "true" }, [
    h("span", "#"),
    ...LANES.map((lane) => h("span", { class: "msi-pic__lane-label" }, lane.label)),
    h("span", "call = return value"),
  ]);
}

/** What a drawn call shows, in the timeline and side by side. */
export interface DrawnCall {
  seq: number;
  lane: number;
  depth: number;
  call: string;
  retText: string;
  outcome: Outcome;
}

/** A drawn call's class: a row, bold for a user action, banded by its outcome. */
export function callClass(c: DrawnCall): string {
  const cls = ["msi-pic__row"];
  if (c.depth === 0) cls.push("msi-pic__row--action");
  if (c.outcome) cls.push(`msi-pic__row--${c.outcome}`);
  return cls.join(" ");
}

/**
 * A drawn call's content, the same in every drawing: its number, its lane in words (for the
 * ear; the eye sees the lane), the outcome's icon, the call and its return value.
 */
export function callContent(c: DrawnCall, seqClass?: string): Element[] {
  // A no-break space: the icon never stands alone on a line, apart from its call.
  const icon = c.outcome ? `${OUTCOME_MARK[c.outcome].icon}\u00a0` : "";
  const text: (string | Element)[] = [`${icon}${c.call}`];
  if (c.retText !== "") text.push(h("span", { class: "msi-pic__ret" }, ` = ${c.retText}`));
  return [
    h("b", { class: seqClass }, String(c.seq)),
    h("span", { class: "sr-only" }, ` ${LANES[c.lane].label}: `),
    h("code", text),
  ];
}

/** One drawn call of the timeline, in its lane (--l), with the line from its caller's (--f), at its depth (--d). */
function drawRow(r: TimelineRow): Element {
  const style = `--l:${r.lane};--f:${r.fromLane};--d:${Math.min(r.depth, 10)}`;
  return h("li", { class: callClass(r), style }, callContent(r));
}

function drawFold(f: Extract<TimelineItem, { kind: "fold" }>): Element {
  const data = { "data-folded": f.count, "data-from-seq": f.first.seq, "data-to-seq": f.last.seq };
  return h("li", { class: "msi-pic__fold", ...data }, foldText(f));
}

/** Draws the timeline: the lane heads and the list of calls and folds, named by its summary. */
export function renderTimelineDrawing(t: Timeline): Element {
  const list = h(
    "ol",
    { class: "msi-pic__calls", "aria-label": t.ariaLabel, "data-calls": t.rows.length, "data-folded": t.folded },
    t.items.map((item) => (item.kind === "fold" ? drawFold(item) : drawRow(item.row))),
  );
  return h("div", { class: "msi-pic__timeline not-content" }, [laneHeads(), list]);
}
