/**
 * The call timeline: one row per trace entry, in call order, placed in the lane
 * of its layer, with its return value; failing calls (negative errno) marked
 * with a band, an icon and the errno name. Long runs fold in the drawing to the
 * interesting rows (the user actions, the calls on the way to each error, a few
 * rows around it, the domain's creation and removal); the text alternative keeps
 * every row, grouped per user action. Browser-safe.
 */
import {
  callText,
  type Fault,
  faultOf,
  laneOf,
  OUTCOME_MARK,
  type Outcome,
  outcomes,
  parents,
  retText,
  type TraceEntry,
} from "./trace-data";

/** Calls drawn even when folded, unless `focus` says otherwise: where a domain is made, reused or removed. */
export const DEFAULT_FOCUS: readonly string[] = [
  "msi_create_device_irq_domain",
  "msi_remove_device_irq_domain",
  "msi_device_data_release",
  "firmware_set_msix_count",
  "WARN_ON_ONCE",
];

/** A trace shorter than this is always drawn in full. */
export const FOLD_THRESHOLD = 40;

export interface TimelineOptions {
  /** What ran: the snippet title. */
  title: string;
  /** The kernel profile of the run. */
  profile: string;
  /** Draw every call instead of folding to the interesting part. */
  full?: boolean;
  /** Rows kept before and after each failing call when folding (default 3). */
  window?: number;
  /** Functions always drawn (default DEFAULT_FOCUS). */
  focus?: readonly string[];
}

export interface TimelineRow {
  /** Index in the trace (equals the entry's seq in a whole trace). */
  index: number;
  seq: number;
  fn: string;
  layer: TraceEntry["layer"];
  /** Lane index, 0 = user (see LANES). */
  lane: number;
  /** Lane of the caller (the lane the arrow comes from); the row's own lane for user actions. */
  fromLane: number;
  depth: number;
  ret: TraceEntry["ret"];
  /** `fn(args)` */
  call: string;
  /** The return value as text, with the errno name; "" for void. */
  retText: string;
  fault: Fault;
  /** How the result reads: where an error starts, passed up, handled by the caller, a warning (see outcomes()). */
  outcome: Outcome;
  /** outcome === "origin": where an error that reaches the user starts. */
  origin: boolean;
  /** 1-based number of the user action (depth-0 entry) this row belongs to. */
  step: number;
}

export interface TimelineGroup {
  step: number;
  /** The depth-0 row. */
  head: TimelineRow;
  rows: TimelineRow[];
}

export type TimelineItem =
  | { kind: "row"; row: TimelineRow }
  /** `actions`: how many user actions (depth-0 rows) the fold hides. */
  | { kind: "fold"; count: number; actions: number; first: TimelineRow; last: TimelineRow; steps?: [number, number] };

export interface Timeline {
  title: string;
  profile: string;
  rows: TimelineRow[];
  groups: TimelineGroup[];
  /** What the drawing shows: rows and "n calls folded" markers, in order. */
  items: TimelineItem[];
  /** Rows left out of the drawing. */
  folded: number;
  /** Failing calls where an error starts (not the callers passing it up). */
  origins: TimelineRow[];
  /** Rows with an error that reaches the user action, or a warning (not handled errors). */
  faults: TimelineRow[];
  ariaLabel: string;
}

/** Lays out a trace as a timeline. Pure: the same trace always gives the same timeline. */
export function buildTimeline(trace: readonly TraceEntry[], options: TimelineOptions): Timeline {
  const parent = parents(trace);
  let step = 0;
  const rows: TimelineRow[] = trace.map((e, index) => {
    if (e.depth === 0) step++;
    const lane = laneOf(e.layer);
    const p = parent[index];
    return {
      index,
      seq: e.seq,
      fn: e.fn,
      layer: e.layer,
      lane,
      fromLane: p < 0 ? lane : laneOf(trace[p].layer),
      depth: e.depth,
      ret: e.ret,
      call: callText(e),
      retText: retText(e),
      fault: faultOf(e),
      outcome: null,
      origin: false,
      step: Math.max(step, 1),
    };
  });
  const outcome = outcomes(trace);
  for (const r of rows) {
    r.outcome = outcome[r.index];
    r.origin = r.outcome === "origin";
  }

  const groups: TimelineGroup[] = [];
  for (const r of rows) {
    if (r.depth === 0 || groups.length === 0) groups.push({ step: r.step, head: r, rows: [] });
    groups[groups.length - 1].rows.push(r);
  }

  const faults = rows.filter((r) => r.outcome && r.outcome !== "handled");
  const origins = rows.filter((r) => r.origin);
  const { items, folded } = foldItems(rows, keptRows(rows, parent, options));
  return {
    title: options.title,
    profile: options.profile,
    rows,
    groups,
    items,
    folded,
    origins,
    faults,
    ariaLabel: timelineLabel(options, rows, groups.length, origins, faults, folded),
  };
}

/** The drawing's items: the kept rows, and one "folded" marker for each run of rows left out. */
function foldItems(rows: TimelineRow[], keep: boolean[]): { items: TimelineItem[]; folded: number } {
  const items: TimelineItem[] = [];
  let folded = 0;
  for (const r of rows) {
    if (keep[r.index]) {
      items.push({ kind: "row", row: r });
      continue;
    }
    folded++;
    const last = items[items.length - 1];
    if (last?.kind === "fold") {
      last.count++;
      last.last = r;
      if (r.depth === 0) {
        last.actions++;
        last.steps = [last.steps?.[0] ?? r.step, r.step];
      }
    } else
      items.push({
        kind: "fold",
        count: 1,
        actions: r.depth === 0 ? 1 : 0,
        first: r,
        last: r,
        steps: r.depth === 0 ? [r.step, r.step] : undefined,
      });
  }
  return { items, folded };
}

function keptRows(rows: TimelineRow[], parent: number[], options: TimelineOptions): boolean[] {
  if (options.full || rows.length < FOLD_THRESHOLD) return rows.map(() => true);
  const window = Math.max(0, options.window ?? 3);
  const focus = new Set(options.focus ?? DEFAULT_FOCUS);
  const keep = rows.map((r) => r.depth === 0 || focus.has(r.fn));
  for (const r of rows) {
    if (r.outcome !== "origin" && r.outcome !== "warn") continue;
    for (let i = Math.max(0, r.index - window); i <= Math.min(rows.length - 1, r.index + window); i++) keep[i] = true;
    for (let p = parent[r.index]; p >= 0; p = parent[p]) keep[p] = true;
  }
  // A run of the same user action (vector after vector): keep the first and the last, fold the middle
  // ones whole unless something in them is kept for its own sake.
  const heads = rows.filter((r) => r.depth === 0);
  const ownKept = (h: TimelineRow) => rows.some((r) => r.step === h.step && r.depth > 0 && keep[r.index]);
  for (let k = 1; k < heads.length - 1; k++) {
    const h = heads[k];
    if (heads[k - 1].fn === h.fn && heads[k + 1].fn === h.fn && !ownKept(h) && !focus.has(h.fn)) keep[h.index] = false;
  }
  // A fold of a single row hides nothing worth a marker: draw the row instead.
  for (let i = 0; i < rows.length; i++) {
    if (!keep[i] && (i === 0 || keep[i - 1]) && (i === rows.length - 1 || keep[i + 1])) keep[i] = true;
  }
  return keep;
}

function where(r: TimelineRow): string {
  return `step ${r.step} (call #${r.seq})`;
}

function timelineLabel(
  o: TimelineOptions,
  rows: TimelineRow[],
  steps: number,
  origins: TimelineRow[],
  faults: TimelineRow[],
  folded: number,
): string {
  const calls = rows.length;
  const parts = [
    `Call timeline of "${o.title}" on ${o.profile}: ${calls} calls in ${steps} user action${steps === 1 ? "" : "s"}`,
  ];
  if (origins.length === 0) parts.push("no call fails");
  for (const r of origins.slice(0, 3)) parts.push(`${r.fn} returns ${r.retText} at ${where(r)}`);
  if (origins.length > 3) parts.push(`and ${origins.length - 3} more failing calls`);
  for (const r of faults.filter((f) => f.fault?.kind === "warn").slice(0, 2))
    parts.push(`a WARN_ON_ONCE fires at ${where(r)}`);
  const handled = rows.filter((r) => r.outcome === "handled");
  if (handled.length > 0) {
    const fns = [...new Set(handled.map((r) => `${r.fn} = ${r.retText}`))].slice(0, 2).join(", ");
    parts.push(
      `${handled.length} error return${handled.length === 1 ? " is" : "s are"} handled by the caller (${fns})`,
    );
  }
  if (folded > 0)
    parts.push(`${folded} calls are folded in the drawing; the list of all calls below the drawing has every one`);
  return `${parts.join("; ")}.`;
}

/** The icon and words that mark an outcome, so it never rests on colour alone. */
export function outcomeMark(o: Outcome): string {
  return o ? `${OUTCOME_MARK[o].icon} ${OUTCOME_MARK[o].words}` : "";
}
