/**
 * The state view: one device's state after each user action (the depth-0 trace
 * entries carry inspect(bdf) from the model), with what changed since the step
 * before: the MSI-X Table Size in config space next to the per-device domain's
 * hwsize, the MSI descriptors and the VFIO contexts, on one index scale, so a
 * domain that kept hwsize 8 under a Table Size of 64 stands out. Browser-safe.
 */
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

/** The user actions about `bdf` that carry a device state, with what changed since the one before. */
function stepsOf(trace: readonly TraceEntry[], bdf: string | null): StateStep[] {
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
  return steps;
}

/** The drawing's items: steps that changed nothing fold; a run of the same action is drawn once. */
function stateItems(steps: readonly StateStep[], all: boolean): StateItem[] {
  const items: StateItem[] = [];
  for (const s of steps) {
    const quiet = !all && s.before !== null && s.changes.length === 0 && !s.fault;
    const last = items[items.length - 1];
    if (quiet) {
      if (last?.kind === "fold") {
        last.count++;
        last.last = s;
      } else items.push({ kind: "fold", count: 1, first: s, last: s });
    } else if (
      !all &&
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
  return items;
}

/** Builds the state view from the depth-0 entries of a trace. */
export function buildStateView(trace: readonly TraceEntry[], options: StateViewOptions): StateView {
  const bdf = options.bdf ?? mainDevice(trace);
  const steps = stepsOf(trace, bdf);
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
    items: stateItems(steps, options.all ?? false),
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

/** "Step 3 · close(fd=10) = 0", or "Steps 4–11 · 8 × vfio_msix_vector_do_use(…), each = 0 (state after the last)". */
export function stepHead(item: Extract<StateItem, { kind: "step" }>): string {
  if (item.count === 1) return `Step ${item.last.step} · ${item.last.action}`;
  const rets = new Set([item.first, item.last].map((x) => x.action.slice(x.action.lastIndexOf(")") + 1)));
  const each = rets.size === 1 ? `, each${[...rets][0]}` : "";
  return `Steps ${item.first.step}–${item.last.step} · ${item.count} × ${item.last.fn}(…)${each} (state after the last)`;
}

/** What changed over a drawn item (one step, or a run of the same action). */
export function itemChanges(item: Extract<StateItem, { kind: "step" }>): string[] {
  return item.count === 1 ? item.last.changes : describeChanges(item.first.before, item.last.after);
}
