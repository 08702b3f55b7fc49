/**
 * Side by side: one snippet run on two kernel profiles, the traces next to each
 * other, the identical prefix folded, and a marker where they first differ (the
 * first entry whose function, arguments, depth or return value differ). After
 * that point each side shows its next calls, then its user actions and its
 * failures, folded in between. Browser-safe.
 */
import { esc, n, tag, svgRoot } from "./svg";
import {
  clip,
  callText,
  LANES,
  laneOf,
  OUTCOME_MARK,
  type Outcome,
  outcomes,
  parents,
  retText,
  sameCall,
  type TraceEntry,
} from "./trace-data";
import { DEFAULT_FOCUS } from "./timeline";

export interface SideBySideOptions {
  title: string;
  /** The two profiles, left then right. */
  profiles: readonly [string, string];
  /** Identical calls shown before the divergence (default 3). */
  context?: number;
  /** Calls shown on each side right after the divergence (default 8). */
  after?: number;
}

/** Index of the first entry where two traces differ; -1 when they are the same call for call. */
export function firstDivergence(a: readonly TraceEntry[], b: readonly TraceEntry[]): number {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (!sameCall(a[i], b[i])) return i;
  return a.length === b.length ? -1 : len;
}

export interface SideCell {
  kind: "row" | "fold" | "end" | "blank";
  entry?: TraceEntry;
  outcome?: Outcome;
  /** For "fold": how many calls, from which index to which. */
  count?: number;
  from?: number;
  to?: number;
}

export interface SideBySide {
  title: string;
  profiles: readonly [string, string];
  lengths: [number, number];
  /** First differing index, -1 when none. */
  divergence: number;
  /** Drawing rows: [left, right]; the divergence marker goes above row `markerRow`. */
  rows: [SideCell, SideCell][];
  markerRow: number;
  ariaLabel: string;
}

function foldSide(trace: readonly TraceEntry[], outcome: readonly Outcome[], from: number, after: number): SideCell[] {
  const parent = parents(trace);
  const keep = trace.map((e, i) => i >= from && (i < from + after || e.depth === 0 || DEFAULT_FOCUS.includes(e.fn)));
  trace.forEach((_, i) => {
    if (i < from || (outcome[i] !== "origin" && outcome[i] !== "warn")) return;
    for (let k = Math.max(from, i - 2); k <= Math.min(trace.length - 1, i + 1); k++) keep[k] = true;
    for (let p = parent[i]; p >= from; p = parent[p]) keep[p] = true;
  });
  // A fold of one call hides nothing worth a marker: draw the call.
  for (let i = from; i < trace.length; i++) {
    if (!keep[i] && (i === from || keep[i - 1]) && (i === trace.length - 1 || keep[i + 1])) keep[i] = true;
  }
  const cells: SideCell[] = [];
  for (let i = from; i < trace.length; i++) {
    if (keep[i]) {
      cells.push({ kind: "row", entry: trace[i], outcome: outcome[i] });
      continue;
    }
    const last = cells[cells.length - 1];
    if (last?.kind === "fold" && last.to === i - 1) {
      last.count = (last.count ?? 0) + 1;
      last.to = i;
    } else cells.push({ kind: "fold", count: 1, from: i, to: i });
  }
  cells.push({ kind: "end" });
  return cells;
}

function describe(e: TraceEntry | undefined): string {
  if (!e) return "the trace ends";
  const r = retText(e);
  return `${e.fn}${r === "" ? "" : ` = ${r}`}`;
}

export function buildSideBySide(
  a: readonly TraceEntry[],
  b: readonly TraceEntry[],
  options: SideBySideOptions,
): SideBySide {
  const d = firstDivergence(a, b);
  const context = Math.max(0, options.context ?? 3);
  const after = Math.max(1, options.after ?? 8);
  const rows: [SideCell, SideCell][] = [];
  const split = d < 0 ? a.length : d;
  const start = Math.max(0, split - context);
  if (start > 0) {
    const fold: SideCell = { kind: "fold", count: start, from: 0, to: start - 1 };
    rows.push([fold, { ...fold }]);
  }
  const oa = outcomes(a);
  const ob = outcomes(b);
  for (let i = start; i < split; i++)
    rows.push([
      { kind: "row", entry: a[i], outcome: oa[i] },
      { kind: "row", entry: b[i], outcome: ob[i] },
    ]);
  const markerRow = rows.length;
  if (d >= 0) {
    const left = foldSide(a, oa, d, after);
    const right = foldSide(b, ob, d, after);
    for (let k = 0; k < Math.max(left.length, right.length); k++)
      rows.push([left[k] ?? { kind: "blank" }, right[k] ?? { kind: "blank" }]);
  }
  const [pa, pb] = options.profiles;
  const label =
    d < 0
      ? `Side by side: "${options.title}" on ${pa} and ${pb} gives the same ${a.length} calls.`
      : `Side by side: "${options.title}" on ${pa} (${a.length} calls) and ${pb} (${b.length} calls). The first ${d} calls are the same; at call #${d} they diverge: ${pa} has ${describe(a[d])}, ${pb} has ${describe(b[d])}.` +
        sideFaults(a, oa, pa) +
        sideFaults(b, ob, pb);
  return {
    title: options.title,
    profiles: options.profiles,
    lengths: [a.length, b.length],
    divergence: d,
    rows,
    markerRow,
    ariaLabel: label,
  };
}

function sideFaults(t: readonly TraceEntry[], o: readonly Outcome[], profile: string): string {
  const origins = t.filter((_, i) => o[i] === "origin");
  if (origins.length === 0) return ` On ${profile} no call fails.`;
  return ` On ${profile} ${origins
    .slice(0, 2)
    .map((e) => `${e.fn} returns ${retText(e)} (call #${e.seq})`)
    .join(" and ")}.`;
}

// ---- SVG ------------------------------------------------------------------

export const SIDE_WIDTH = 720;
const COL_W = 352;
const COL_GAP = SIDE_WIDTH - 2 * COL_W;
const ROW = 19;
const HEAD = 30;
const MARK = 26;
const FONT = 11;
const CHAR = FONT * 0.62;

function cellSvg(c: SideCell, x: number, y: number, side: number): string {
  const mid = y + ROW / 2 + 4;
  if (c.kind === "blank") return "";
  if (c.kind === "end") return tag("text", { class: "msi-pic__fold-text", x: x + 6, y: n(mid) }, "(end of trace)");
  if (c.kind === "fold") {
    const text = `⋯ ${c.count} call${c.count === 1 ? "" : "s"} folded (#${c.from}–#${c.to})`;
    return tag(
      "g",
      { class: "msi-pic__fold", "data-folded": c.count ?? 0 },
      tag("text", { class: "msi-pic__fold-text", x: x + 6, y: n(mid) }, esc(text)),
    );
  }
  const e = c.entry as TraceEntry;
  const o = c.outcome ?? null;
  const lane = LANES[laneOf(e.layer)];
  const indent = Math.min(e.depth, 10) * 5;
  const ret = retText(e);
  const retPart = ret === "" ? "" : ` = ${ret}`;
  const icon = o ? `${OUTCOME_MARK[o].icon} ` : "";
  const avail = Math.floor((COL_W - 40 - indent) / CHAR);
  const call = clip(icon + callText(e), Math.max(6, avail - retPart.length));
  const cls = ["msi-pic__row"];
  if (e.depth === 0) cls.push("msi-pic__row--action");
  if (o) cls.push(`msi-pic__row--${o}`);
  return tag(
    "g",
    { class: cls.join(" "), "data-side": side, "data-seq": e.seq, "data-fn": e.fn, "data-ret": ret },
    [
      tag(
        "title",
        {},
        esc(`#${e.seq} ${lane.label}: ${callText(e)}${retPart}${o ? ` (${OUTCOME_MARK[o].words})` : ""}`),
      ),
      o && o !== "handled"
        ? tag("rect", { class: "msi-pic__band", x: x, y: n(y + 1), width: COL_W, height: ROW - 2, rx: 2 })
        : "",
      tag("text", { class: "msi-pic__seq", x: x + 26, y: n(mid), "text-anchor": "end" }, String(e.seq)),
      tag("rect", {
        class: `msi-pic__chip msi-pic__chip--${lane.id}`,
        x: x + 30,
        y: n(y + 5),
        width: 6,
        height: ROW - 10,
      }),
      tag(
        "text",
        { class: "msi-pic__call", x: n(x + 40 + indent), y: n(mid) },
        esc(call) + (retPart ? tag("tspan", { class: "msi-pic__ret" }, esc(retPart)) : ""),
      ),
    ].join(""),
  );
}

export function renderSideBySideSvg(s: SideBySide): string {
  const out: string[] = [];
  const xs = [0, COL_W + COL_GAP];
  s.profiles.forEach((p, i) => {
    out.push(tag("rect", { class: "msi-pic__lane-head", x: xs[i], y: 2, width: COL_W, height: HEAD - 8, rx: 3 }));
    out.push(
      tag(
        "text",
        { class: "msi-pic__lane-label", x: xs[i] + COL_W / 2, y: 18, "text-anchor": "middle" },
        esc(`${p} · ${s.lengths[i]} calls`),
      ),
    );
  });
  let y = HEAD;
  s.rows.forEach((pair, k) => {
    if (k === s.markerRow && s.divergence >= 0) {
      out.push(
        tag(
          "g",
          { class: "msi-pic__diverge", "data-diverge-index": s.divergence },
          [
            tag("title", {}, esc(`The traces diverge at call #${s.divergence}`)),
            tag("line", {
              class: "msi-pic__diverge-line",
              x1: 0,
              y1: n(y + MARK / 2),
              x2: SIDE_WIDTH,
              y2: n(y + MARK / 2),
            }),
            tag("rect", {
              class: "msi-pic__diverge-tag",
              x: n(SIDE_WIDTH / 2 - 150),
              y: n(y + 3),
              width: 300,
              height: MARK - 6,
              rx: 10,
            }),
            tag(
              "text",
              { class: "msi-pic__diverge-text", x: SIDE_WIDTH / 2, y: n(y + MARK / 2 + 4), "text-anchor": "middle" },
              esc(`◆ the traces diverge at call #${s.divergence}`),
            ),
          ].join(""),
        ),
      );
      y += MARK;
    }
    for (const [i, c] of pair.entries()) out.push(cellSvg(c, xs[i], y, i));
    y += ROW;
  });
  if (s.divergence < 0) {
    out.push(
      tag("text", { class: "msi-pic__fold-text", x: 6, y: n(y + 14) }, "The two traces are the same, call for call."),
    );
    y += ROW;
  }
  const height = y + 6;
  return svgRoot(
    { width: SIDE_WIDTH, height, fontSize: FONT },
    s.ariaLabel,
    { "data-divergence": s.divergence },
    out.join(""),
  );
}

function cellText(c: SideCell): string {
  if (c.kind === "blank") return "";
  if (c.kind === "end") return "(end of trace)";
  if (c.kind === "fold") return `⋯ ${c.count} calls folded (#${c.from}–#${c.to})`;
  const e = c.entry as TraceEntry;
  const o = c.outcome ?? null;
  const r = retText(e);
  return `#${e.seq} ${"  ".repeat(e.depth)}${callText(e)}${r === "" ? "" : ` = ${r}`}${o ? ` ${OUTCOME_MARK[o].icon} ${OUTCOME_MARK[o].words}` : ""}`;
}

/** The drawing's rows as an HTML table, with the divergence as its own row. */
export function renderSideBySideTable(s: SideBySide): string {
  const rows: string[] = [];
  s.rows.forEach((pair, k) => {
    if (k === s.markerRow && s.divergence >= 0) {
      rows.push(
        tag(
          "tr",
          { class: "msi-pic__tr--diverge" },
          tag("td", { colspan: 2 }, `<strong>◆ The traces diverge here, at call #${s.divergence}.</strong>`),
        ),
      );
    }
    rows.push(
      tag(
        "tr",
        {},
        pair
          .map((c) => tag("td", {}, c.kind === "row" ? tag("code", {}, esc(cellText(c))) : esc(cellText(c))))
          .join(""),
      ),
    );
  });
  return tag(
    "details",
    { class: "msi-pic__text" },
    tag("summary", {}, esc(`The two traces side by side, as a table`)) +
      tag(
        "table",
        {},
        `<thead><tr><th scope="col">${esc(s.profiles[0])}</th><th scope="col">${esc(s.profiles[1])}</th></tr></thead><tbody>${rows.join("")}</tbody>`,
      ),
  );
}
