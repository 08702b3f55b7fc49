/**
 * Side by side: one snippet run on two kernel profiles, the traces next to each
 * other, the identical prefix folded, and a marker where they first differ (the
 * first entry whose function, arguments, depth or return value differ). After
 * that point each side shows its next calls, then its user actions and its
 * failures, folded in between. Browser-safe.
 */

import { DEFAULT_FOCUS } from "./timeline";
import { type Outcome, outcomes, parents, retText, sameCall, type TraceEntry } from "./trace-data";

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
