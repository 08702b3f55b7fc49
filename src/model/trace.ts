/**
 * The trace recorder: every modelled kernel, QEMU and user function appends one entry,
 * in call order, with its nesting depth; the return value is filled in on return.
 */
import { errnoName } from "./include/errno";
import type { DeviceState } from "./state";

/** Which layer of the stack a traced function belongs to. */
export type Layer = "user" | "vfio" | "pci" | "msi" | "base" | "device";

/** Arguments of a traced call, as plain data. */
export type TraceArgs = Record<string, string | number | boolean | null>;

/** One traced call. */
export interface TraceEntry {
  /** Position in the trace, from 0. */
  seq: number;
  /** The function name (kernel spelling for kernel functions). */
  fn: string;
  layer: Layer;
  args: TraceArgs;
  /** Return value: numbers as numbers, an msi_map as `{index: -34}`, void as null. */
  ret: number | string | boolean | null;
  /** Nesting depth; 0 for user actions. */
  depth: number;
  /** The device the action concerns. */
  bdf?: string;
  /** On depth-0 entries: inspect(bdf) after the call returned. */
  state?: DeviceState;
}

/** Records a call tree. One per host; holds no global state. */
export class Tracer {
  readonly entries: TraceEntry[] = [];
  private stack: TraceEntry[] = [];
  private warned = new Set<string>();
  /** Called for finished depth-0 entries that carry a bdf. */
  snapshot: ((bdf: string) => DeviceState | undefined) | null = null;

  /** Runs `body` as a traced call of `fn`. */
  call<R>(
    layer: Layer,
    fn: string,
    args: TraceArgs,
    body: () => R,
    fmt: (r: R) => TraceEntry["ret"] = defaultRet,
    bdf?: string,
  ): R {
    const parent = this.stack[this.stack.length - 1];
    const entry: TraceEntry = { seq: this.entries.length, fn, layer, args, ret: null, depth: this.stack.length };
    const where = bdf ?? parent?.bdf;
    if (where !== undefined) entry.bdf = where;
    this.entries.push(entry);
    this.stack.push(entry);
    try {
      const r = body();
      entry.ret = fmt(r);
      return r;
    } finally {
      this.stack.pop();
      if (entry.depth === 0 && entry.bdf !== undefined && this.snapshot) {
        const s = this.snapshot(entry.bdf);
        if (s) entry.state = s;
      }
    }
  }

  /** Adds an argument to the innermost running call (a value computed inside it). */
  arg(name: string, value: string | number | boolean | null): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.args[name] = value;
  }

  /** WARN_ON_ONCE(cond): records one entry the first time `condition` is true; returns cond. */
  warnOnce(cond: boolean, condition: string): boolean {
    if (cond && !this.warned.has(condition)) {
      this.warned.add(condition);
      const top = this.stack[this.stack.length - 1];
      this.call(top?.layer ?? "msi", "WARN_ON_ONCE", { condition }, () => true);
    }
    return cond;
  }

  clear(): void {
    this.entries.length = 0;
  }
}

function defaultRet(r: unknown): TraceEntry["ret"] {
  if (r === undefined || r === null) return null;
  if (typeof r === "number" || typeof r === "boolean" || typeof r === "string") return r;
  return String(r);
}

/** Options of formatTrace(). */
export interface FormatTraceOptions {
  /** Drop entries deeper than this. */
  maxDepth?: number;
  /** Keep only entries whose fn equals one of the strings or matches one of the RegExps. */
  only?: (string | RegExp)[];
  /** Keep only failing entries (negative return, negative msi_map index, WARN_ON_ONCE). */
  errorsOnly?: boolean;
}

function fmtValue(v: string | number | boolean | null): string {
  if (typeof v === "string" && /[\s,()=]/.test(v)) return JSON.stringify(v);
  return String(v);
}

function isError(e: TraceEntry): boolean {
  if (e.fn === "WARN_ON_ONCE") return true;
  if (typeof e.ret === "number") return e.ret < 0;
  return typeof e.ret === "string" && /^\{index: -\d+\}$/.test(e.ret);
}

/** One trace line without indentation: `msi_insert_desc(index=8, hwsize=8) = -34 ERANGE`. */
export function formatEntry(e: TraceEntry): string {
  const args = Object.entries(e.args)
    .map(([k, v]) => `${k}=${fmtValue(v)}`)
    .join(", ");
  let line = `${e.fn}(${args})`;
  if (e.ret !== null) {
    line += ` = ${String(e.ret)}`;
    if (typeof e.ret === "number" && e.ret < 0) line += ` ${errnoName(e.ret)}`;
  }
  return line;
}

/**
 * formatTrace - the trace as an indented call tree, one line per entry, two spaces per level.
 * Negative errno returns carry their name: `msi_insert_desc(index=8, hwsize=8) = -34 ERANGE`.
 * Filters keep the tree honest: an entry is indented under its nearest kept caller, so a
 * filtered trace never shows a call nested under a function that did not call it.
 */
export function formatTrace(trace: readonly TraceEntry[], opts: FormatTraceOptions = {}): string {
  const { maxDepth, only, errorsOnly } = opts;
  const keep = (e: TraceEntry) =>
    (maxDepth === undefined || e.depth <= maxDepth) &&
    (!only || only.some((m) => (typeof m === "string" ? e.fn === m : m.test(e.fn)))) &&
    (!errorsOnly || isError(e));
  const lines: string[] = [];
  // Depths of the kept entries that are still open callers of the current entry.
  const open: number[] = [];
  const base = trace.length > 0 ? Math.min(...trace.map((e) => e.depth)) : 0;
  for (const e of trace) {
    while (open.length > 0 && open[open.length - 1]! >= e.depth) open.pop();
    if (!keep(e)) continue;
    const level = only || errorsOnly ? open.length : e.depth - base;
    lines.push(`${"  ".repeat(level)}${formatEntry(e)}`);
    open.push(e.depth);
  }
  return lines.join("\n");
}
