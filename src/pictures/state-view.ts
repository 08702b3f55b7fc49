/**
 * The state view: one device's state after each user action (the depth-0 trace
 * entries carry inspect(bdf) from the model), with what changed since the step
 * before: the MSI-X Table Size in config space next to the per-device domain's
 * hwsize, the MSI descriptors and the VFIO contexts, on one index scale, so a
 * domain that kept hwsize 8 under a Table Size of 64 stands out. Browser-safe.
 */
import { esc, n, tag, svgRoot } from "./svg";
import { clip, type DeviceState, entryText, type Fault, faultOf, type TraceEntry } from "./trace-data";

export interface StateViewOptions {
  title: string;
  profile: string;
  /** The device to follow; default: the device most user actions concern. */
  bdf?: string;
  /** Draw steps that changed nothing too (default: fold them). */
  all?: boolean;
}

export interface StateStep {
  /** 1-based number of the user action in the whole trace (as in the timeline). */
  step: number;
  seq: number;
  /** The user action's function and arguments. */
  fn: string;
  args: TraceEntry["args"];
  /** `fn(args) = ret` of the user action. */
  action: string;
  fault: Fault;
  /** The device's state after the previous step about it; null for its first step. */
  before: DeviceState | null;
  after: DeviceState;
  /** What changed, in words ("Table Size 8 → 64", "domain removed"). */
  changes: string[];
  /** The domain's hwsize no longer matches the Table Size. */
  stale: boolean;
}

export type StateItem =
  | { kind: "step"; first: StateStep; last: StateStep; count: number }
  | { kind: "fold"; count: number; first: StateStep; last: StateStep };

export interface StateView {
  title: string;
  profile: string;
  bdf: string | null;
  /** Every user action about the device, in order: its state after the call. */
  steps: StateStep[];
  /** What the drawing shows: steps (a run of the same action drawn once, after its last step), and markers for steps folded because nothing changed. */
  items: StateItem[];
  /** Highest index the scale shows (exclusive). */
  scale: number;
  ariaLabel: string;
}

/** The device most depth-0 entries concern. */
export function mainDevice(trace: readonly TraceEntry[]): string | null {
  const count = new Map<string, number>();
  for (const e of trace) if (e.depth === 0 && e.state && e.bdf) count.set(e.bdf, (count.get(e.bdf) ?? 0) + 1);
  let best: string | null = null;
  for (const [bdf, c] of count) if (best === null || c > (count.get(best) ?? 0)) best = bdf;
  return best;
}

/** "0–7, 9" for [0..7, 9]; "none" for []. */
export function ranges(xs: readonly number[]): string {
  if (xs.length === 0) return "none";
  const parts: string[] = [];
  let start = xs[0];
  let prev = xs[0];
  for (const x of [...xs.slice(1), Number.NaN]) {
    if (x === prev + 1) {
      prev = x;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}–${prev}`);
    start = x;
    prev = x;
  }
  return parts.join(", ");
}

export function isStale(s: DeviceState): boolean {
  return s.domain !== null && s.domain.hwsize !== s.tableSize;
}

function count(xs: readonly number[], what: string): string {
  return `${xs.length} ${what}${xs.length === 1 ? "" : "s"}`;
}

/** What changed between two states, in words. */
export function describeChanges(before: DeviceState | null, after: DeviceState): string[] {
  if (!before) return ["first look at the device"];
  const c: string[] = [];
  if (before.driver !== after.driver)
    c.push(after.driver ? `bound to ${after.driver}` : `unbound from ${before.driver}`);
  if (before.tableSize !== after.tableSize) c.push(`Table Size ${before.tableSize} → ${after.tableSize}`);
  if (before.msixEnabled !== after.msixEnabled) c.push(after.msixEnabled ? "MSI-X enabled" : "MSI-X disabled");
  if (!before.domain && after.domain) c.push(`domain created with hwsize ${after.domain.hwsize}`);
  else if (before.domain && !after.domain) c.push("domain removed");
  else if (before.domain && after.domain && before.domain.hwsize !== after.domain.hwsize)
    c.push(`hwsize ${before.domain.hwsize} → ${after.domain.hwsize}`);
  if (before.descriptors.join() !== after.descriptors.join())
    c.push(`descriptors ${ranges(before.descriptors)} → ${ranges(after.descriptors)}`);
  if (before.vfioContexts.join() !== after.vfioContexts.join())
    c.push(`VFIO contexts ${ranges(before.vfioContexts)} → ${ranges(after.vfioContexts)}`);
  if (!isStale(before) && isStale(after)) c.push("hwsize is now stale");
  return c;
}

/** The same action again: same function and the same non-numeric arguments (`useVector(n)` for n = 0, 1, …). */
function sameAction(a: StateStep, b: StateStep): boolean {
  if (a.fn !== b.fn) return false;
  const ka = Object.keys(a.args);
  if (ka.length !== Object.keys(b.args).length) return false;
  return ka.every((k) => (typeof a.args[k] === "number" && typeof b.args[k] === "number") || a.args[k] === b.args[k]);
}

/** Builds the state view from the depth-0 entries of a trace. */
export function buildStateView(trace: readonly TraceEntry[], options: StateViewOptions): StateView {
  const bdf = options.bdf ?? mainDevice(trace);
  const steps: StateStep[] = [];
  let step = 0;
  let before: DeviceState | null = null;
  for (const e of trace) {
    if (e.depth !== 0) continue;
    step++;
    if (!e.state || e.bdf !== bdf) continue;
    steps.push({
      step,
      seq: e.seq,
      fn: e.fn,
      args: e.args,
      action: entryText(e),
      fault: faultOf(e),
      before,
      after: e.state,
      changes: describeChanges(before, e.state),
      stale: isStale(e.state),
    });
    before = e.state;
  }
  const items: StateItem[] = [];
  for (const s of steps) {
    const quiet = !options.all && s.before !== null && s.changes.length === 0 && !s.fault;
    const last = items[items.length - 1];
    if (quiet) {
      if (last?.kind === "fold") {
        last.count++;
        last.last = s;
      } else items.push({ kind: "fold", count: 1, first: s, last: s });
    } else if (
      !options.all &&
      last?.kind === "step" &&
      sameAction(last.last, s) &&
      !last.last.fault &&
      !s.fault &&
      last.last.stale === s.stale
    ) {
      // The same action again (a vector after a vector): drawn once, after the last of the run.
      last.last = s;
      last.count++;
    } else items.push({ kind: "step", first: s, last: s, count: 1 });
  }
  let scale = 8;
  for (const s of steps) {
    const a = s.after;
    scale = Math.max(
      scale,
      a.tableSize,
      a.domain?.hwsize ?? 0,
      (a.descriptors.at(-1) ?? -1) + 1,
      (a.vfioContexts.at(-1) ?? -1) + 1,
    );
  }
  return {
    title: options.title,
    profile: options.profile,
    bdf,
    steps,
    items,
    scale,
    ariaLabel: stateLabel(options, bdf, steps),
  };
}

function stateLabel(o: StateViewOptions, bdf: string | null, steps: StateStep[]): string {
  const parts = [
    `State of ${bdf ?? "no device"} after each of ${steps.length} user actions in "${o.title}" on ${o.profile}`,
  ];
  const stale = steps.find((s) => s.stale);
  if (stale) {
    parts.push(
      `from step ${stale.step} the MSI-X Table Size is ${stale.after.tableSize} but the domain's hwsize is still ${stale.after.domain?.hwsize}`,
    );
  } else parts.push("the domain's hwsize always matches the Table Size, or there is no domain");
  const removed = steps.find((s) => s.changes.includes("domain removed"));
  if (removed) parts.push(`the domain is removed at step ${removed.step} (${clip(removed.action, 60)})`);
  const failed = steps.find((s) => s.fault?.kind === "error");
  if (failed && failed.fault?.kind === "error") parts.push(`step ${failed.step} fails with ${failed.fault.name}`);
  const last = steps.at(-1)?.after;
  if (last) {
    parts.push(
      `at the end: Table Size ${last.tableSize}, ${last.domain ? `domain hwsize ${last.domain.hwsize}` : "no domain"}, descriptors ${ranges(last.descriptors)}, VFIO contexts ${ranges(last.vfioContexts)}`,
    );
  }
  return `${parts.join("; ")}.`;
}

// ---- SVG ------------------------------------------------------------------

export const STATE_WIDTH = 720;
const LABEL_W = 128;
const VALUE_W = 168;
const BAR_X = LABEL_W;
const BAR_W = STATE_WIDTH - LABEL_W - VALUE_W;
const HEAD_H = 24;
const LINE_H = 17;
const BLOCK_H = HEAD_H + 4 * LINE_H + 12;
const FOLD_H = 24;
const FONT = 11.5;

/** "Step 3 · close(fd=10) = 0", or "Steps 4–11 · 8 × vfio_msix_vector_do_use(…), each = 0". */
export function stepHead(item: Extract<StateItem, { kind: "step" }>): string {
  if (item.count === 1) return `Step ${item.last.step} · ${item.last.action}`;
  const rets = new Set([item.first, item.last].map((x) => x.action.slice(x.action.lastIndexOf(")") + 1)));
  const each = rets.size === 1 ? `, each${[...rets][0]}` : "";
  return `Steps ${item.first.step}–${item.last.step} · ${item.count} × ${item.last.fn}(…)${each} (state after the last)`;
}

function cells(xs: readonly number[], scale: number, y: number, h: number, cls: string): string {
  const w = BAR_W / scale;
  return xs
    .filter((i) => i < scale)
    .map((i) =>
      tag("rect", { class: cls, x: n(BAR_X + i * w + 0.5), y: n(y), width: n(Math.max(1, w - 1)), height: h }),
    )
    .join("");
}

function drawStep(item: Extract<StateItem, { kind: "step" }>, scale: number, y0: number): string {
  const s = item.last;
  const a = s.after;
  const changes = item.count === 1 ? s.changes : describeChanges(item.first.before, s.after);
  const unit = BAR_W / scale;
  const out: string[] = [];
  const cls = ["msi-pic__state"];
  if (s.stale) cls.push("msi-pic__state--stale");
  if (s.fault?.kind === "error") cls.push("msi-pic__state--error");
  out.push(
    tag("rect", {
      class: "msi-pic__state-box",
      x: 0.5,
      y: n(y0 + 0.5),
      width: STATE_WIDTH - 1,
      height: BLOCK_H - 6,
      rx: 4,
    }),
  );
  const mark = s.fault?.kind === "error" ? "✖ " : s.fault?.kind === "warn" ? "⚠ " : "";
  const head = clip(`${mark}${stepHead(item)}`, Math.floor((STATE_WIDTH - 16) / (FONT * 0.6)));
  out.push(tag("text", { class: "msi-pic__state-head", x: 8, y: n(y0 + 16) }, esc(head)));
  const rowY = (k: number) => y0 + HEAD_H + k * LINE_H;
  const labels = ["Table Size (config)", "domain hwsize", "descriptors", "VFIO contexts"];
  labels.forEach((l, k) => {
    out.push(tag("text", { class: "msi-pic__state-label", x: 8, y: n(rowY(k) + 12) }, esc(l)));
    out.push(tag("rect", { class: "msi-pic__track", x: BAR_X, y: n(rowY(k) + 3), width: BAR_W, height: LINE_H - 6 }));
  });
  // Table Size: the bar, and past a stale hwsize the part no descriptor can use.
  const hw = a.domain?.hwsize ?? null;
  const tsW = a.tableSize * unit;
  out.push(
    tag("rect", {
      class: "msi-pic__bar msi-pic__bar--table",
      x: BAR_X,
      y: n(rowY(0) + 3),
      width: n(tsW),
      height: LINE_H - 6,
      "data-value": a.tableSize,
    }),
  );
  if (s.stale && hw !== null && hw < a.tableSize) {
    out.push(
      tag("rect", {
        class: "msi-pic__beyond",
        x: n(BAR_X + hw * unit),
        y: n(rowY(0) + 3),
        width: n((a.tableSize - hw) * unit),
        height: LINE_H - 6,
      }),
    );
  }
  out.push(
    tag(
      "text",
      { class: "msi-pic__value", x: STATE_WIDTH - VALUE_W + 8, y: n(rowY(0) + 12) },
      esc(`${a.tableSize}${a.msixEnabled ? " · enabled" : " · disabled"}`),
    ),
  );
  // hwsize.
  if (hw !== null) {
    out.push(
      tag("rect", {
        class: `msi-pic__bar msi-pic__bar--hwsize${s.stale ? " msi-pic__bar--stale" : ""}`,
        x: BAR_X,
        y: n(rowY(1) + 3),
        width: n(Math.min(hw, scale) * unit),
        height: LINE_H - 6,
        "data-value": hw,
      }),
    );
    out.push(
      tag(
        "text",
        {
          class: `msi-pic__value${s.stale ? " msi-pic__value--stale" : ""}`,
          x: STATE_WIDTH - VALUE_W + 8,
          y: n(rowY(1) + 12),
        },
        esc(s.stale ? `${hw} ⚠ stale (≠ ${a.tableSize})` : `${hw}`),
      ),
    );
  } else {
    const removed = changes.includes("domain removed");
    out.push(tag("rect", { class: "msi-pic__none", x: BAR_X, y: n(rowY(1) + 3), width: BAR_W, height: LINE_H - 6 }));
    out.push(
      tag(
        "text",
        { class: "msi-pic__none-text", x: n(BAR_X + 6), y: n(rowY(1) + 12) },
        removed ? "no domain: removed at this step" : "no per-device domain",
      ),
    );
    out.push(
      tag(
        "text",
        {
          class: `msi-pic__value${removed ? " msi-pic__value--gone" : ""}`,
          x: STATE_WIDTH - VALUE_W + 8,
          y: n(rowY(1) + 12),
        },
        removed ? "✂ removed" : "none",
      ),
    );
  }
  // The hwsize boundary across the rows, when stale.
  if (s.stale && hw !== null && hw < scale) {
    const x = BAR_X + hw * unit;
    out.push(tag("line", { class: "msi-pic__boundary", x1: n(x), y1: n(rowY(0)), x2: n(x), y2: n(rowY(4) - 2) }));
  }
  out.push(cells(a.descriptors, scale, rowY(2) + 3, LINE_H - 6, "msi-pic__cell msi-pic__cell--desc"));
  out.push(
    tag(
      "text",
      { class: "msi-pic__value", x: STATE_WIDTH - VALUE_W + 8, y: n(rowY(2) + 12) },
      esc(a.descriptors.length ? `${a.descriptors.length} (${clip(ranges(a.descriptors), 14)})` : "none"),
    ),
  );
  out.push(cells(a.vfioContexts, scale, rowY(3) + 3, LINE_H - 6, "msi-pic__cell msi-pic__cell--ctx"));
  out.push(
    tag(
      "text",
      { class: "msi-pic__value", x: STATE_WIDTH - VALUE_W + 8, y: n(rowY(3) + 12) },
      esc(a.vfioContexts.length ? `${a.vfioContexts.length} (${clip(ranges(a.vfioContexts), 14)})` : "none"),
    ),
  );
  const title = `${stepHead(item)}. Table Size ${a.tableSize}, ${hw === null ? "no domain" : `domain hwsize ${hw}${s.stale ? " (stale)" : ""}`}, descriptors ${ranges(a.descriptors)}, VFIO contexts ${ranges(a.vfioContexts)}. Changed: ${changes.join("; ") || "nothing"}.`;
  return tag(
    "g",
    {
      class: cls.join(" "),
      "data-step": s.step,
      "data-first-step": item.first.step,
      "data-seq": s.seq,
      "data-table-size": a.tableSize,
      "data-hwsize": hw ?? "none",
    },
    tag("title", {}, esc(title)) + out.join(""),
  );
}

/** Draws the state view as an SVG string. */
export function renderStateViewSvg(v: StateView): string {
  const out: string[] = [];
  // The index scale.
  const unit = BAR_W / v.scale;
  const ticks = [0, ...[8, 16, 32, 64, 128, 256, 512, 1024, 2048].filter((t) => t <= v.scale)];
  if (!ticks.includes(v.scale)) ticks.push(v.scale);
  out.push(tag("text", { class: "msi-pic__state-label", x: 8, y: 14 }, "vector index"));
  for (const t of ticks) {
    const x = BAR_X + t * unit;
    const anchor = t === 0 ? "start" : t === v.scale ? "end" : "middle";
    out.push(tag("line", { class: "msi-pic__tick", x1: n(x), y1: 16, x2: n(x), y2: 22 }));
    out.push(tag("text", { class: "msi-pic__tick-text", x: n(x), y: 13, "text-anchor": anchor }, String(t)));
  }
  let y = 28;
  for (const item of v.items) {
    if (item.kind === "fold") {
      const text = `⋯ ${item.count} step${item.count === 1 ? "" : "s"} without a state change folded (${item.count === 1 ? `step ${item.first.step}` : `steps ${item.first.step}–${item.last.step}`})`;
      out.push(
        tag(
          "g",
          { class: "msi-pic__fold", "data-folded": item.count },
          tag("text", { class: "msi-pic__fold-text", x: 8, y: n(y + 15) }, esc(text)),
        ),
      );
      y += FOLD_H;
      continue;
    }
    out.push(drawStep(item, v.scale, y));
    y += BLOCK_H;
  }
  if (v.steps.length === 0) {
    out.push(
      tag(
        "text",
        { class: "msi-pic__fold-text", x: 8, y: n(y + 15) },
        "No user action with a device state in this run.",
      ),
    );
    y += FOLD_H;
  }
  const height = y + 4;
  return svgRoot(
    { width: STATE_WIDTH, height, fontSize: FONT },
    v.ariaLabel,
    { "data-steps": v.steps.length },
    out.join(""),
  );
}

/** The states as an HTML table: one row per user action, with what changed. */
export function renderStateViewTable(v: StateView): string {
  const rows = v.steps
    .map((s) => {
      const a = s.after;
      const hw =
        a.domain === null
          ? s.changes.includes("domain removed")
            ? "none (✂ removed)"
            : "none"
          : s.stale
            ? `${a.domain.hwsize} ⚠ stale`
            : String(a.domain.hwsize);
      return tag(
        "tr",
        {
          class: s.stale ? "msi-pic__tr--stale" : s.fault?.kind === "error" ? "msi-pic__tr--error" : undefined,
          "data-step": s.step,
          "data-seq": s.seq,
        },
        [
          tag("td", {}, String(s.step)),
          tag(
            "td",
            {},
            tag("code", {}, esc(s.action)) +
              (s.fault?.kind === "error" ? ` <strong>✖ ${esc(s.fault.name)}</strong>` : ""),
          ),
          tag("td", {}, `${a.tableSize}${a.msixEnabled ? " (enabled)" : ""}`),
          tag("td", {}, esc(hw)),
          tag("td", {}, esc(ranges(a.descriptors))),
          tag("td", {}, esc(ranges(a.vfioContexts))),
          tag("td", { class: "msi-pic__wrap" }, esc(s.changes.join("; ") || "nothing")),
        ].join(""),
      );
    })
    .join("");
  return tag(
    "details",
    { class: "msi-pic__text" },
    tag(
      "summary",
      {},
      esc(`The state of ${v.bdf ?? "the device"} after each of the ${v.steps.length} user actions, as a table`),
    ) +
      tag(
        "table",
        {},
        `<thead><tr><th scope="col">Step</th><th scope="col">user action</th><th scope="col">Table Size</th><th scope="col">domain hwsize</th><th scope="col">descriptors</th><th scope="col">VFIO contexts</th><th scope="col">what changed</th></tr></thead><tbody>${rows}</tbody>`,
      ),
  );
}
