/**
 * The state view drawn as one HTML list that is both the drawing and its text: one item
 * per drawn step (its action, what changed, and four rows: Table Size, domain hwsize,
 * descriptors, VFIO contexts), each row its name, a bar or cells on the picture's index
 * scale, and its value in words. The bars are empty elements placed by CSS
 * (PictureFrame.astro; "not-content" keeps Starlight's prose margins out) from the scale (--s on the drawing) and each bar's start (--a) and
 * length (--n); the words carry everything the bars show. Browser-safe.
 */

import { type Element, h } from "./hast";
import { itemChanges, ranges, type StateItem, type StateView, stepHead } from "./state-view";
import { clip } from "./trace-data";

type StepItem = Extract<StateItem, { kind: "step" }>;

const LABELS = ["Table Size (config)", "domain hwsize", "descriptors", "VFIO contexts"] as const;

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

/** A bar from index `a`, `n` long, on the scale (an empty element: the words say it). */
function bar(cls: string, a: number, n: number): Element {
  return h("i", { class: cls, style: a > 0 ? `--a:${a};--n:${n}` : `--n:${n}` });
}

/** The runs of consecutive indices in `xs` below `scale`, as cells. */
function cells(xs: readonly number[], scale: number, cls: string): Element[] {
  const runs: [number, number][] = [];
  for (const x of xs.filter((i) => i < scale)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === x - 1) last[1] = x;
    else runs.push([x, x]);
  }
  return runs.map(([a, b]) => bar(`msi-pic__cell ${cls}`, a, b - a + 1));
}

/** The bars of the four rows of a step. */
function tracks(item: StepItem, scale: number): Element[][] {
  const st = item.last;
  const a = st.after;
  const hw = a.domain?.hwsize ?? null;
  const table = [bar("msi-pic__bar msi-pic__bar--table", 0, a.tableSize)];
  if (st.stale && hw !== null && hw < a.tableSize) table.push(bar("msi-pic__beyond", hw, a.tableSize - hw));
  const domain =
    hw === null
      ? [h("i", { class: "msi-pic__none" })]
      : [bar(`msi-pic__bar ${st.stale ? "msi-pic__bar--stale" : "msi-pic__bar--hwsize"}`, 0, Math.min(hw, scale))];
  return [
    table,
    domain,
    cells(a.descriptors, scale, "msi-pic__cell--desc"),
    cells(a.vfioContexts, scale, "msi-pic__cell--ctx"),
  ];
}

function drawStep(item: StepItem, values: readonly string[], scale: number): Element {
  const st = item.last;
  const a = st.after;
  const mark = st.fault?.kind === "error" ? "✖ " : st.fault?.kind === "warn" ? "⚠ " : "";
  const cls = ["msi-pic__state"];
  if (st.stale) cls.push("msi-pic__state--stale");
  if (st.fault?.kind === "error") cls.push("msi-pic__state--error");
  const changes = itemChanges(item);
  const bars = tracks(item, scale);
  const data = { "data-step": st.step, "data-table-size": a.tableSize, "data-hwsize": a.domain?.hwsize ?? "none" };
  return h("li", { class: cls.join(" "), ...data }, [
    h("p", { class: "msi-pic__state-head" }, `${mark}${stepHead(item)}`),
    h("p", { class: "msi-pic__changes" }, `Changed: ${changes.join("; ") || "nothing"}.`),
    h(
      "dl",
      LABELS.map((label, k) => {
        const vcls = `msi-pic__value${k === 1 && st.stale ? " msi-pic__value--stale" : ""}${values[k] === "✂ removed" ? " msi-pic__value--gone" : ""}`;
        return h("div", [
          h("dt", label),
          h("dd", [h("span", { class: "msi-pic__track" }, bars[k]), h("span", { class: vcls }, values[k])]),
        ]);
      }),
    ),
  ]);
}

/** The index scale's ticks: 0, the powers of two that keep apart, and the scale's end. */
function scaleAxis(scale: number): Element {
  const ticks: number[] = [0];
  for (const t of [8, 16, 32, 64, 128, 256, 512, 1024, 2048])
    if (t < scale && (t - ticks[ticks.length - 1]) / scale >= 0.1 && (scale - t) / scale >= 0.1) ticks.push(t);
  ticks.push(scale);
  return h("div", { class: "msi-pic__scale", "aria-hidden": "true" }, [
    h("span", "vector index"),
    h(
      "span",
      { class: "msi-pic__track" },
      ticks.map((t) => h("b", { style: `--a:${t}` }, String(t))),
    ),
  ]);
}

/** Draws the state view: the index scale and the list of steps and folds, named by its summary. */
export function renderStateViewDrawing(v: StateView): Element {
  const values = new Map(v.items.flatMap((i) => (i.kind === "step" ? [[i, stepValues(i)] as const] : [])));
  const longest = Math.max(8, ...[...values.values()].flatMap((vals) => vals.map((t) => t.length)));
  const items = v.items.map((item) => {
    if (item.kind === "step") return drawStep(item, values.get(item)!, v.scale);
    const steps = item.count === 1 ? `step ${item.first.step}` : `steps ${item.first.step}–${item.last.step}`;
    const text = `⋯ ${item.count} step${item.count === 1 ? "" : "s"} without a state change folded (${steps})`;
    return h("li", { class: "msi-pic__fold", "data-folded": item.count }, text);
  });
  if (v.steps.length === 0)
    items.push(h("li", { class: "msi-pic__fold" }, "No user action with a device state in this run."));
  // The value column fits the longest value, in monospace characters (0.6 em each, with a little slack).
  return h(
    "div",
    { class: "msi-pic__sv not-content", style: `--s:${v.scale};--vw:${Math.ceil(longest * 6.2) / 10}em` },
    [
      scaleAxis(v.scale),
      h("ol", { class: "msi-pic__steps", "aria-label": v.ariaLabel, "data-steps": v.steps.length }, items),
    ],
  );
}
