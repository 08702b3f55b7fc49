/**
 * The call timeline drawn as an SVG tree: narrow lanes with slanted labels on the
 * left, one row per drawn call (its lane's dot, the arrow from its caller's lane,
 * the call and its return value, wrapped onto a second line when long), and
 * "folded" markers. Browser-safe.
 */
import {
  CHAR,
  charsIn,
  type Element,
  type ElementContent,
  LINE,
  n,
  s,
  svgRoot,
  type TextLine,
  WIDTH,
  wrapCall,
} from "./svg";
import type { Timeline, TimelineItem, TimelineRow } from "./timeline";
import { LANES, OUTCOME_MARK } from "./trace-data";

export const TIMELINE_WIDTH = WIDTH;
const SEQ_W = 40;
const LANE_W = 26;
const HEAD = 80;
const GAP = 10;
const TEXT_X = SEQ_W + LANE_W * LANES.length + GAP;
const laneX = (lane: number) => SEQ_W + LANE_W * lane + LANE_W / 2;

/** The words of a fold marker (the drawing's and the text alternative's). */
export function foldText(f: Extract<TimelineItem, { kind: "fold" }>): string {
  const calls = `⋯ ${f.count} call${f.count === 1 ? "" : "s"} folded`;
  const [a, b] = f.steps ?? [0, 0];
  const steps =
    f.actions > 0 ? `, ${f.actions} user action${f.actions === 1 ? ` (step ${a})` : `s (steps ${a}–${b})`}` : "";
  return `${calls}${steps} (#${f.first.seq}–#${f.last.seq})`;
}

/** Lane headers (slanted labels, each with its description as a tooltip) and lifelines. */
function lanes(height: number): Element[] {
  const heads = LANES.map((lane, i) => {
    const x = laneX(i);
    return s("g", { class: "msi-pic__lane", "data-lane": lane.id }, [
      s("title", lane.description),
      s(
        "text",
        { class: "msi-pic__lane-label", x: n(x - 3), y: HEAD - 10, transform: `rotate(-60 ${n(x - 3)} ${HEAD - 10})` },
        lane.label,
      ),
      s("line", { class: "msi-pic__lifeline", x1: n(x), y1: HEAD - 4, x2: n(x), y2: n(height - 4) }),
    ]);
  });
  return [
    ...heads,
    s("text", { class: "msi-pic__col-label", x: SEQ_W - 6, y: HEAD - 10, "text-anchor": "end" }, "#"),
    s("text", { class: "msi-pic__col-label", x: TEXT_X + 40, y: HEAD - 10 }, "call = return value"),
  ];
}

/** The lines of a row's text: icon, call and return value, wrapped to the width left of the row. */
function rowLines(r: TimelineRow, x: number): TextLine[] {
  const icon = r.outcome ? `${OUTCOME_MARK[r.outcome].icon} ` : "";
  return wrapCall(icon + r.call, r.retText === "" ? "" : ` = ${r.retText}`, charsIn(TIMELINE_WIDTH - x - 4), 2);
}

function textLines(lines: TextLine[], x: number, y: number): Element[] {
  return lines.map((l, k) =>
    s("text", { class: "msi-pic__call", x: n(x + (l.more ? 2 * CHAR : 0)), y: n(y + k * LINE + LINE / 2 + 5) }, [
      l.text,
      ...(l.ret ? [s("tspan", { class: "msi-pic__ret" }, l.ret)] : []),
    ]),
  );
}

/** The mark in the row's lane: a cross where an error starts, a dot otherwise; and the arrow from the caller. */
function laneMark(r: TimelineRow, mid: number): Element[] {
  const out: Element[] = [];
  const x1 = laneX(r.fromLane);
  const x2 = laneX(r.lane);
  if (x1 !== x2) {
    const dir = x2 > x1 ? 1 : -1;
    out.push(s("line", { class: "msi-pic__arrow", x1: n(x1), y1: n(mid), x2: n(x2 - dir * 6), y2: n(mid) }));
    out.push(
      s("polygon", {
        class: "msi-pic__arrow-head",
        points: `${n(x2 - dir)},${n(mid)} ${n(x2 - dir * 7)},${n(mid - 3.5)} ${n(x2 - dir * 7)},${n(mid + 3.5)}`,
      }),
    );
  }
  if (r.origin) {
    const d = `M${n(x2 - 5)},${n(mid - 5)}L${n(x2 + 5)},${n(mid + 5)}M${n(x2 + 5)},${n(mid - 5)}L${n(x2 - 5)},${n(mid + 5)}`;
    out.push(s("path", { class: "msi-pic__cross", d }));
  } else out.push(s("circle", { class: "msi-pic__dot", cx: n(x2), cy: n(mid), r: r.depth === 0 ? 4.5 : 3.5 }));
  return out;
}

/**
 * One drawn call, as a group moved down to `y`: its parts sit at the same local
 * coordinates in every row, so the page's HTML compresses them row after row.
 */
function drawRow(r: TimelineRow, y: number): { node: Element; height: number } {
  const tx = TEXT_X + Math.min(r.depth, 10) * 4;
  const lines = rowLines(r, tx);
  const height = lines.length * LINE + 2;
  const mid = LINE / 2 + 1;
  const cls = ["msi-pic__row"];
  if (r.depth === 0) cls.push("msi-pic__row--action");
  if (r.outcome) cls.push(`msi-pic__row--${r.outcome}`);
  const parts: ElementContent[] = [];
  if (r.outcome && r.outcome !== "handled")
    parts.push(s("rect", { class: "msi-pic__band", x: 0, y: 1, width: TIMELINE_WIDTH, height: height - 2, rx: 2 }));
  if (r.depth === 0) parts.push(s("line", { class: "msi-pic__step-rule", x1: 0, y1: 0, x2: TIMELINE_WIDTH, y2: 0 }));
  parts.push(s("text", { class: "msi-pic__seq", x: SEQ_W - 6, y: n(mid + 5) }, String(r.seq)));
  parts.push(...laneMark(r, mid), ...textLines(lines, tx, 0));
  const data = { "data-seq": r.seq, "data-fn": r.fn, "data-lane": LANES[r.lane].id, "data-ret": r.retText };
  return { node: s("g", { class: cls.join(" "), transform: `translate(0 ${n(y)})`, ...data }, parts), height };
}

function drawFold(f: Extract<TimelineItem, { kind: "fold" }>, y: number): Element {
  const data = { "data-folded": f.count, "data-from-seq": f.first.seq, "data-to-seq": f.last.seq };
  return s("g", { class: "msi-pic__fold", ...data }, [
    s("rect", { class: "msi-pic__fold-band", x: 0, y: n(y + 2), width: TIMELINE_WIDTH, height: LINE - 2 }),
    s("text", { class: "msi-pic__fold-text", x: 8, y: n(y + LINE / 2 + 6) }, foldText(f)),
  ]);
}

/** Draws the timeline as an SVG tree (role="img", with its aria-label). */
export function renderTimelineSvg(t: Timeline): Element {
  const body: Element[] = [];
  let y = HEAD;
  for (const item of t.items) {
    if (item.kind === "fold") {
      body.push(drawFold(item, y));
      y += LINE + 2;
      continue;
    }
    const row = drawRow(item.row, y);
    body.push(row.node);
    y += row.height;
  }
  const height = y + 8;
  return svgRoot(
    { width: TIMELINE_WIDTH, height },
    t.ariaLabel,
    { "data-calls": t.rows.length, "data-folded": t.folded },
    [...lanes(height), ...body],
  );
}
