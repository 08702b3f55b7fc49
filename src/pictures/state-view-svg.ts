/**
 * The state view drawn as an SVG tree: an index scale, then one block per drawn
 * step with four rows (Table Size, domain hwsize, descriptors, VFIO contexts),
 * each a bar or cells on the shared scale and its value in words. Browser-safe.
 */

import { itemChanges, ranges, type StateItem, type StateStep, type StateView, stepHead } from "./state-view";
import { CHAR, charsIn, type Element, type ElementContent, LINE, n, s, svgRoot, WIDTH, wrapCall } from "./svg";
import { clip } from "./trace-data";

export const STATE_WIDTH = WIDTH;
const LABEL_W = 160;
const ROW = 20;
const BAR_H = 12;
const SCALE_H = 34;
const FOLD_H = 26;
const LABELS = ["Table Size (config)", "domain hwsize", "descriptors", "VFIO contexts"];

type StepItem = Extract<StateItem, { kind: "step" }>;

/** The value column of a step, row by row: what the bars show, in words. */
export function stepValues(item: StepItem): [string, string, string, string] {
  const s = item.last;
  const a = s.after;
  const hw = a.domain?.hwsize;
  const removed = itemChanges(item).includes("domain removed");
  const list = (xs: readonly number[]) => (xs.length ? `${xs.length} (${clip(ranges(xs), 10)})` : "none");
  return [
    `${a.tableSize} · ${a.msixEnabled ? "enabled" : "disabled"}`,
    hw === undefined ? (removed ? "✂ removed" : "none") : s.stale ? `${hw} ⚠ stale (≠ ${a.tableSize})` : String(hw),
    list(a.descriptors),
    list(a.vfioContexts),
  ];
}

interface Geometry {
  scale: number;
  /** Left edge of the value column. */
  valueX: number;
  barW: number;
  unit: number;
}

function geometry(v: StateView): Geometry {
  const longest = Math.max(8, ...v.items.flatMap((i) => (i.kind === "step" ? stepValues(i).map((t) => t.length) : [])));
  const valueW = Math.min(230, Math.ceil(longest * CHAR) + 16);
  const barW = STATE_WIDTH - LABEL_W - valueW;
  return { scale: v.scale, valueX: STATE_WIDTH - valueW + 8, barW, unit: barW / v.scale };
}

/** Cells for the indices in `xs`: one per index when there is room, else one per run of indices. */
function cells(xs: readonly number[], g: Geometry, y: number, cls: string): Element[] {
  const runs: [number, number][] = [];
  for (const x of xs.filter((i) => i < g.scale)) {
    const last = runs[runs.length - 1];
    if (g.unit < 3 && last && last[1] === x - 1) last[1] = x;
    else runs.push([x, x]);
  }
  const gap = g.unit < 3 ? 0 : 1;
  return runs.map(([a, b]) =>
    s("rect", {
      class: cls,
      x: n(LABEL_W + a * g.unit + gap / 2),
      y: n(y),
      width: n(Math.max(1, (b - a + 1) * g.unit - gap)),
      height: BAR_H,
    }),
  );
}

function bar(cls: string, x: number, y: number, w: number): Element {
  return s("rect", { class: cls, x: n(x), y: n(y), width: n(Math.max(0, w)), height: BAR_H });
}

/** The hwsize row: the bar (red when stale), or a dashed box when there is no per-device domain. */
function hwsizeRow(st: StateStep, removed: boolean, g: Geometry, y: number): Element[] {
  const hw = st.after.domain?.hwsize;
  if (hw === undefined) {
    const note = removed ? "no domain: removed at this step" : "no per-device domain";
    return [
      bar("msi-pic__none", LABEL_W, y, g.barW),
      s(
        "text",
        { class: "msi-pic__none-text", x: LABEL_W + 6, y: n(y + BAR_H - 1) },
        clip(note, charsIn(g.barW - 8, "sans")),
      ),
    ];
  }
  const cls = `msi-pic__bar msi-pic__bar--hwsize${st.stale ? " msi-pic__bar--stale" : ""}`;
  return [bar(cls, LABEL_W, y, Math.min(hw, g.scale) * g.unit)];
}

/** The drawing of one step: the head line(s), the four rows and their values. */
function rows(item: StepItem, g: Geometry, top: number): ElementContent[] {
  const st = item.last;
  const a = st.after;
  const values = stepValues(item);
  const rowY = (k: number) => top + k * ROW;
  const out: ElementContent[] = [];
  LABELS.forEach((label, k) => {
    out.push(s("text", { class: "msi-pic__state-label", x: 8, y: n(rowY(k) + 15) }, label));
    out.push(bar("msi-pic__track", LABEL_W, rowY(k) + 4, g.barW));
    const cls = `msi-pic__value${k === 1 && st.stale ? " msi-pic__value--stale" : ""}${values[k] === "✂ removed" ? " msi-pic__value--gone" : ""}`;
    out.push(s("text", { class: cls, x: g.valueX, y: n(rowY(k) + 15) }, values[k]));
  });
  const hw = a.domain?.hwsize ?? null;
  out.push(
    bar("msi-pic__bar msi-pic__bar--table", LABEL_W, rowY(0) + 4, a.tableSize * g.unit),
  );
  if (st.stale && hw !== null && hw < a.tableSize)
    out.push(bar("msi-pic__beyond", LABEL_W + hw * g.unit, rowY(0) + 4, (a.tableSize - hw) * g.unit));
  out.push(...hwsizeRow(st, values[1] === "✂ removed", g, rowY(1) + 4));
  if (st.stale && hw !== null && hw < g.scale) {
    const x = n(LABEL_W + hw * g.unit);
    out.push(s("line", { class: "msi-pic__boundary", x1: x, y1: n(rowY(0) + 1), x2: x, y2: n(rowY(4) - 1) }));
  }
  out.push(...cells(a.descriptors, g, rowY(2) + 4, "msi-pic__cell msi-pic__cell--desc"));
  out.push(...cells(a.vfioContexts, g, rowY(3) + 4, "msi-pic__cell msi-pic__cell--ctx"));
  return out;
}

/**
 * One drawn step, as a group moved down to `y0`: its parts sit at the same local
 * coordinates in every block, so the page's HTML compresses them block after block.
 */
function drawStep(item: StepItem, g: Geometry, y0: number): { node: Element; height: number } {
  const st = item.last;
  const a = st.after;
  const hw = a.domain?.hwsize ?? null;
  const mark = st.fault?.kind === "error" ? "✖ " : st.fault?.kind === "warn" ? "⚠ " : "";
  const head = wrapCall(`${mark}${stepHead(item)}`, "", charsIn(STATE_WIDTH - 16), 2);
  const top = 8 + head.length * LINE;
  const height = top + 4 * ROW + 10;
  const cls = ["msi-pic__state"];
  if (st.stale) cls.push("msi-pic__state--stale");
  if (st.fault?.kind === "error") cls.push("msi-pic__state--error");
  const data = {
    "data-step": st.step,
    "data-table-size": a.tableSize,
    "data-hwsize": hw ?? "none",
  };
  const node = s("g", { class: cls.join(" "), transform: `translate(0 ${n(y0)})`, ...data }, [
    s("rect", {
      class: "msi-pic__state-box",
      x: 0.5,
      y: 0.5,
      width: STATE_WIDTH - 1,
      height: height - 6,
      rx: 4,
    }),
    ...head.map((l, k) =>
      s(
        "text",
        { class: "msi-pic__state-head", x: n(8 + (l.more ? 2 * CHAR : 0)), y: n(6 + (k + 1) * LINE - 5) },
        l.text,
      ),
    ),
    ...rows(item, g, top),
  ]);
  return { node, height };
}

/** The index scale above the blocks: 0, the powers of two that fit, and the scale's end. */
function scaleAxis(g: Geometry): ElementContent[] {
  const ticks = [0, ...[8, 16, 32, 64, 128, 256, 512, 1024, 2048].filter((t) => t < g.scale), g.scale];
  const out: ElementContent[] = [s("text", { class: "msi-pic__state-label", x: 8, y: 20 }, "vector index")];
  let lastX = Number.NEGATIVE_INFINITY;
  for (const t of ticks) {
    const x = LABEL_W + t * g.unit;
    const w = String(t).length * CHAR;
    const anchor = t === 0 ? "start" : t === g.scale ? "end" : "middle";
    const left = anchor === "start" ? x : anchor === "end" ? x - w : x - w / 2;
    if (left < lastX + 6 && t !== g.scale) continue;
    lastX = left + w;
    out.push(s("line", { class: "msi-pic__tick", x1: n(x), y1: 24, x2: n(x), y2: 30 }));
    out.push(s("text", { class: "msi-pic__tick-text", x: n(x), y: 20, "text-anchor": anchor }, String(t)));
  }
  return out;
}

/** Draws the state view as an SVG tree. */
export function renderStateViewSvg(v: StateView): Element {
  const g = geometry(v);
  const out: ElementContent[] = scaleAxis(g);
  let y = SCALE_H;
  for (const item of v.items) {
    if (item.kind === "fold") {
      const steps = item.count === 1 ? `step ${item.first.step}` : `steps ${item.first.step}–${item.last.step}`;
      const text = `⋯ ${item.count} step${item.count === 1 ? "" : "s"} without a state change folded (${steps})`;
      out.push(
        s("g", { class: "msi-pic__fold", "data-folded": item.count }, [
          s("text", { class: "msi-pic__fold-text", x: 8, y: n(y + 17) }, clip(text, charsIn(STATE_WIDTH - 12))),
        ]),
      );
      y += FOLD_H;
      continue;
    }
    const block = drawStep(item, g, y);
    out.push(block.node);
    y += block.height;
  }
  if (v.steps.length === 0) {
    out.push(
      s("text", { class: "msi-pic__fold-text", x: 8, y: n(y + 17) }, "No user action with a device state in this run."),
    );
    y += FOLD_H;
  }
  return svgRoot({ width: STATE_WIDTH, height: y + 4 }, v.ariaLabel, { "data-steps": v.steps.length }, out);
}
