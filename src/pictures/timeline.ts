/**
 * The call timeline: one row per trace entry, in call order, placed in the lane
 * of its layer, with its return value; failing calls (negative errno) marked
 * with a band, an icon and the errno name. Long runs fold in the drawing to the
 * interesting rows (the user actions, the calls on the way to each error, a few
 * rows around it, the domain's creation and removal); the text alternative keeps
 * every row, grouped per user action. Browser-safe.
 */
import {
  clip,
  callText,
  type Fault,
  faultOf,
  LANES,
  laneOf,
  OUTCOME_MARK,
  type Outcome,
  outcomes,
  parents,
  retText,
  type TraceEntry,
} from "./trace-data";
import { esc, n, tag, svgRoot } from "./svg";

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
  const keep = keptRows(rows, parent, options);
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
  if (folded > 0) parts.push(`${folded} calls are folded in the drawing; the table lists all of them`);
  return `${parts.join("; ")}.`;
}

// ---- SVG ------------------------------------------------------------------

const ROW = 20;
const HEAD = 34;
const SEQ_W = 30;
const LANE_W = 50;
const GAP = 8;
const FONT = 11.5;
const CHAR = FONT * 0.62;
export const TIMELINE_WIDTH = 720;
const TEXT_X = SEQ_W + LANE_W * LANES.length + GAP;
const laneX = (lane: number) => SEQ_W + LANE_W * lane + LANE_W / 2;

/** The icon and words that mark an outcome, so it never rests on colour alone. */
export function outcomeMark(o: Outcome): string {
  return o ? `${OUTCOME_MARK[o].icon} ${OUTCOME_MARK[o].words}` : "";
}

function rowLabel(r: TimelineRow, x: number): { call: string; ret: string } {
  const avail = Math.floor((TIMELINE_WIDTH - x - 4) / CHAR);
  const icon = r.outcome ? `${OUTCOME_MARK[r.outcome].icon} ` : "";
  const ret = r.retText === "" ? "" : ` = ${r.retText}`;
  return { call: clip(icon + r.call, Math.max(8, avail - ret.length)), ret };
}

function foldText(f: Extract<TimelineItem, { kind: "fold" }>): string {
  const calls = `⋯ ${f.count} call${f.count === 1 ? "" : "s"} folded`;
  const [a, b] = f.steps ?? [0, 0];
  const steps =
    f.actions > 0 ? `, ${f.actions} user action${f.actions === 1 ? ` (step ${a})` : `s (steps ${a}–${b})`}` : "";
  return `${calls}${steps} (#${f.first.seq}–#${f.last.seq})`;
}

/** Draws the timeline as an SVG string (role="img", with its aria-label). */
export function renderTimelineSvg(t: Timeline): string {
  const height = HEAD + t.items.length * ROW + 8;
  const out: string[] = [];
  // Lane headers and lifelines.
  LANES.forEach((lane, i) => {
    const x = SEQ_W + LANE_W * i;
    out.push(
      tag(
        "g",
        { class: "msi-pic__lane", "data-lane": lane.id },
        [
          tag("title", {}, esc(lane.description)),
          tag("rect", { class: "msi-pic__lane-head", x: n(x + 2), y: 2, width: LANE_W - 4, height: HEAD - 10, rx: 3 }),
          tag(
            "text",
            { class: "msi-pic__lane-label", x: n(x + LANE_W / 2), y: 17, "text-anchor": "middle" },
            esc(lane.label),
          ),
          tag("line", {
            class: "msi-pic__lifeline",
            x1: n(x + LANE_W / 2),
            y1: HEAD - 8,
            x2: n(x + LANE_W / 2),
            y2: height - 4,
          }),
        ].join(""),
      ),
    );
  });
  out.push(tag("text", { class: "msi-pic__col-label", x: 2, y: 17 }, "#"));
  out.push(tag("text", { class: "msi-pic__col-label", x: TEXT_X, y: 17 }, "call = return value"));

  t.items.forEach((item, i) => {
    const y = HEAD + i * ROW;
    const mid = y + ROW / 2;
    if (item.kind === "fold") {
      out.push(
        tag(
          "g",
          {
            class: "msi-pic__fold",
            "data-folded": item.count,
            "data-from-seq": item.first.seq,
            "data-to-seq": item.last.seq,
          },
          [
            tag("rect", { class: "msi-pic__fold-band", x: 0, y: n(y + 2), width: TIMELINE_WIDTH, height: ROW - 4 }),
            tag("text", { class: "msi-pic__fold-text", x: TEXT_X, y: n(mid + 4) }, esc(foldText(item))),
          ].join(""),
        ),
      );
      return;
    }
    const r = item.row;
    const cls = ["msi-pic__row"];
    if (r.depth === 0) cls.push("msi-pic__row--action");
    if (r.outcome) cls.push(`msi-pic__row--${r.outcome}`);
    const parts: string[] = [
      tag(
        "title",
        {},
        esc(
          `#${r.seq} step ${r.step}, ${LANES[r.lane].label}: ${r.call}${r.retText ? ` = ${r.retText}` : ""}${r.outcome ? ` (${outcomeMark(r.outcome)})` : ""}`,
        ),
      ),
    ];
    if (r.outcome && r.outcome !== "handled")
      parts.push(
        tag("rect", { class: "msi-pic__band", x: 0, y: n(y + 1), width: TIMELINE_WIDTH, height: ROW - 2, rx: 2 }),
      );
    if (r.depth === 0)
      parts.push(tag("line", { class: "msi-pic__step-rule", x1: 0, y1: n(y), x2: TIMELINE_WIDTH, y2: n(y) }));
    parts.push(
      tag("text", { class: "msi-pic__seq", x: SEQ_W - 5, y: n(mid + 4), "text-anchor": "end" }, String(r.seq)),
    );
    const x1 = laneX(r.fromLane);
    const x2 = laneX(r.lane);
    if (x1 !== x2) {
      const dir = x2 > x1 ? 1 : -1;
      parts.push(tag("line", { class: "msi-pic__arrow", x1: n(x1), y1: n(mid), x2: n(x2 - dir * 6), y2: n(mid) }));
      parts.push(
        tag("polygon", {
          class: "msi-pic__arrow-head",
          points: `${n(x2 - dir * 1)},${n(mid)} ${n(x2 - dir * 7)},${n(mid - 3.5)} ${n(x2 - dir * 7)},${n(mid + 3.5)}`,
        }),
      );
    }
    if (r.origin) {
      // A cross, not only a colour.
      parts.push(
        tag("path", {
          class: "msi-pic__cross",
          d: `M${n(x2 - 5)},${n(mid - 5)}L${n(x2 + 5)},${n(mid + 5)}M${n(x2 + 5)},${n(mid - 5)}L${n(x2 - 5)},${n(mid + 5)}`,
        }),
      );
    } else {
      parts.push(tag("circle", { class: "msi-pic__dot", cx: n(x2), cy: n(mid), r: r.depth === 0 ? 4.5 : 3.5 }));
    }
    const tx = TEXT_X + Math.min(r.depth, 10) * 6;
    const label = rowLabel(r, tx);
    parts.push(
      tag(
        "text",
        { class: "msi-pic__call", x: n(tx), y: n(mid + 4) },
        esc(label.call) + (label.ret ? tag("tspan", { class: "msi-pic__ret" }, esc(label.ret)) : ""),
      ),
    );
    out.push(
      tag(
        "g",
        {
          class: cls.join(" "),
          "data-seq": r.seq,
          "data-fn": r.fn,
          "data-lane": LANES[r.lane].id,
          "data-ret": r.retText,
        },
        parts.join(""),
      ),
    );
  });

  return svgRoot(
    { width: TIMELINE_WIDTH, height, fontSize: FONT },
    t.ariaLabel,
    { "data-calls": t.rows.length, "data-folded": t.folded },
    out.join(""),
  );
}

// ---- Text alternative -----------------------------------------------------

/** Every call as HTML tables, one <details> per user action (those with a failure open). */
export function renderTimelineTable(t: Timeline): string {
  const groups = t.groups.map((g) => {
    const failing = g.rows.filter((r) => r.origin);
    const warns = g.rows.filter((r) => r.outcome === "warn");
    const note = [...failing.map((r) => `✖ ${r.fn} returns ${r.retText}`), ...warns.map(() => "⚠ WARN_ON_ONCE")].join(
      "; ",
    );
    const head = `${g.head.call}${g.head.retText === "" ? "" : ` = ${g.head.retText}`}`;
    const summary = `Step ${g.step}: <code>${esc(head)}</code> <span class="msi-pic__count">(${g.rows.length} call${g.rows.length === 1 ? "" : "s"})</span>${note ? ` <strong class="msi-pic__note">${esc(note)}</strong>` : ""}`;
    const body = g.rows
      .map((r) => {
        const cls = r.outcome ? `msi-pic__tr--${r.outcome}` : undefined;
        return tag(
          "tr",
          { class: cls, "data-seq": r.seq },
          [
            tag("td", {}, String(r.seq)),
            tag("td", {}, esc(LANES[r.lane].label)),
            tag("td", {}, tag("code", { style: `--d:${r.depth}` }, esc(r.call))),
            tag(
              "td",
              {},
              r.retText === ""
                ? '<span class="msi-pic__void">void</span>'
                : `${esc(r.retText)}${r.outcome ? ` <strong>${esc(outcomeMark(r.outcome))}</strong>` : ""}`,
            ),
          ].join(""),
        );
      })
      .join("");
    return tag(
      "details",
      { class: "msi-pic__step", open: failing.length > 0 || warns.length > 0, "data-step": g.step },
      tag("summary", {}, summary) +
        tag(
          "table",
          {},
          `<thead><tr><th scope="col">#</th><th scope="col">lane</th><th scope="col">call</th><th scope="col">returns</th></tr></thead><tbody>${body}</tbody>`,
        ),
    );
  });
  return tag(
    "details",
    { class: "msi-pic__text" },
    tag("summary", {}, esc(`All ${t.rows.length} calls on ${t.profile}, as tables per user action`)) +
      `<p class="msi-pic__legend">Lanes: ${LANES.map((l) => `<strong>${esc(l.label)}</strong>: ${esc(l.description)}`).join("; ")}. Indentation is call depth.</p>` +
      groups.join(""),
  );
}
