/**
 * The trace recorder: every modelled kernel, QEMU and user function appends one entry,
 * in call order, with its nesting depth; the return value is filled in on return.
 */
import { FORK } from "./fork";
import { errnoName } from "./include/errno";
import type { DeviceState } from "./state";

/** Which layer of the stack a traced function belongs to. */
export type Layer = "user" | "vfio" | "pci" | "msi" | "base" | "device";

/** Arguments of a traced call, as plain data. */
export type TraceArgs = Record<string, string | number | boolean | null>;

/** A `struct msi_map` result (include/linux/msi_api.h): a negative `index` is an errno. */
export interface MsiMapRet {
  index: number;
  virq: number;
}

/** A traced return value as data: a number (count, IRQ, errno), a boolean, an msi_map, or null for void. */
export type TraceRet = number | boolean | MsiMapRet | null;

/** One traced call. */
export interface TraceEntry {
  /** Position in the trace, from 0. */
  seq: number;
  /** The function name (kernel spelling for kernel functions). */
  fn: string;
  layer: Layer;
  args: TraceArgs;
  /** Return value as data (never preformatted text); null for void. */
  ret: TraceRet;
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

  /**
   * The copy host.fork() takes (fork.ts), between calls: finished entries are frozen, so the copy
   * shares them and only the array is new.
   */
  [FORK](): Tracer {
    if (this.stack.length > 0) throw new Error("a host cannot be forked from inside a traced call");
    for (; this.frozen < this.entries.length; this.frozen++) freezeEntry(this.entries[this.frozen]!);
    const t = new Tracer();
    for (const e of this.entries) t.entries.push(e);
    t.frozen = this.frozen;
    t.warned = new Set(this.warned);
    t.snapshot = this.snapshot; // the fork's hostOver() points it at the copy's devices
    return t;
  }

  clear(): void {
    this.entries.length = 0;
    this.frozen = 0;
  }

  /**
   * The record as a reader gets it: a fresh array over the same entries, each finished entry
   * frozen (deeply: args, ret, state), so the array is the reader's to change and the entries are
   * nobody's. Each entry is frozen once, when it is first read finished, so a read costs one
   * array copy, not a deep copy of the whole record. Entries of a call still running (a read from
   * inside a traced call) are deep-copied instead, as they may still change.
   */
  view(): TraceEntry[] {
    const open = this.stack.length > 0 ? this.stack[0].seq : this.entries.length;
    for (; this.frozen < open; this.frozen++) freezeEntry(this.entries[this.frozen]!);
    const finished = this.entries.slice(0, open);
    for (let i = open; i < this.entries.length; i++) finished.push(copyPlain(this.entries[i]));
    return finished;
  }

  /** How many leading entries are frozen: every entry before it is finished and immutable. */
  private frozen = 0;
}

/**
 * Freezes a finished entry all the way down, by its type rather than by walking it: `args` holds
 * only primitives (TraceArgs), `ret` is a primitive or an msi_map, and a DeviceState nests one
 * object, two arrays and one record of primitives. A generic recursive freeze of the same data
 * cost the explorer about a quarter of its time (profiled in Node 24).
 */
function freezeEntry(e: TraceEntry): void {
  Object.freeze(e.args);
  if (e.ret !== null && typeof e.ret === "object") Object.freeze(e.ret);
  const s = e.state;
  if (s) {
    if (s.domain) Object.freeze(s.domain);
    Object.freeze(s.descriptors);
    Object.freeze(s.irqs);
    Object.freeze(s.vfioContexts);
    Object.freeze(s);
  }
  Object.freeze(e);
}

/** A deep copy of plain data (arrays, objects, primitives), as trace entries and device states are. */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyPlain(v)])) as T;
}

function defaultRet(r: unknown): TraceRet {
  if (r === undefined || r === null) return null;
  if (typeof r === "number" || typeof r === "boolean") return r;
  if (isMsiMap(r)) return { index: r.index, virq: r.virq };
  throw new TypeError(`a traced function returned ${typeof r}: give Tracer.call a formatter that returns TraceRet`);
}

function isMsiMap(r: unknown): r is MsiMapRet {
  return (
    typeof r === "object" &&
    r !== null &&
    typeof (r as MsiMapRet).index === "number" &&
    typeof (r as MsiMapRet).virq === "number"
  );
}

/** Options of formatTrace(). */
export interface FormatTraceOptions {
  /** Drop entries deeper than this. */
  maxDepth?: number;
  /** Keep only entries whose fn equals one of the strings or matches one of the RegExps. */
  only?: (string | RegExp)[];
  /** Keep only failing entries (negative return, negative msi_map index, WARN_ON_ONCE, error_report). */
  errorsOnly?: boolean;
}

function fmtValue(v: string | number | boolean | null): string {
  if (typeof v === "string" && /[\s,()=]/.test(v)) return JSON.stringify(v);
  return String(v);
}

/** The errno a return value carries (a negative number, or an msi_map's negative index); null otherwise. */
export function retErrno(ret: TraceRet): number | null {
  const n = typeof ret === "number" ? ret : ret !== null && typeof ret === "object" ? ret.index : null;
  return n !== null && n < 0 && Number.isInteger(n) ? n : null;
}

/**
 * The errno an entry's return carries. A user-space function returning -1 is C's "failed, see
 * errno" (QEMU 8.x passes ioctl()'s -1 up): that is no errno of its own, so none is named.
 */
export function entryErrno(e: Pick<TraceEntry, "layer" | "ret">): number | null {
  return e.layer === "user" && e.ret === -1 ? null : retErrno(e.ret);
}

/** True when two return values are the same data. */
export function sameRet(a: TraceRet, b: TraceRet): boolean {
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    return a.index === b.index && a.virq === b.virq;
  }
  return a === b;
}

/**
 * The return value as text, the one spelling used by snippets, pictures, page tables and the
 * runner: `-34 ERANGE`, `{index: -34} ERANGE`, `{index: 8, virq: 49}`, `0`, `true`; "" for void.
 * With `layer` "user", -1 is printed bare (see entryErrno).
 */
export function formatRet(ret: TraceRet, layer?: Layer): string {
  if (ret === null) return "";
  const text =
    typeof ret === "object"
      ? ret.index < 0
        ? `{index: ${ret.index}}`
        : `{index: ${ret.index}, virq: ${ret.virq}}`
      : String(ret);
  const errno = layer === undefined ? retErrno(ret) : entryErrno({ layer, ret });
  return errno === null ? text : `${text} ${errnoName(errno)}`;
}

/** The call without its result: `msi_insert_desc(index=8, hwsize=8)`. */
export function formatCall(e: Pick<TraceEntry, "fn" | "args">): string {
  const args = Object.entries(e.args)
    .map(([k, v]) => `${k}=${fmtValue(v)}`)
    .join(", ");
  return `${e.fn}(${args})`;
}

/** True for a failing entry: a negative errno (or msi_map index), a WARN_ON_ONCE, or QEMU's error_report(). */
export function isFailure(e: TraceEntry): boolean {
  return e.fn === "WARN_ON_ONCE" || e.fn === "error_report" || entryErrno(e) !== null;
}

/** One trace line without indentation: `msi_insert_desc(index=8, hwsize=8) = -34 ERANGE`. */
export function formatEntry(e: TraceEntry): string {
  const ret = formatRet(e.ret, e.layer);
  return ret === "" ? formatCall(e) : `${formatCall(e)} = ${ret}`;
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
    (!errorsOnly || isFailure(e));
  const lines: string[] = [];
  // Depths of the kept entries that are still open callers of the current entry.
  const open: number[] = [];
  // A loop, not Math.min(...depths): a spread of a very long trace overflows the call stack.
  let base = trace.length > 0 ? Number.POSITIVE_INFINITY : 0;
  for (const e of trace) if (e.depth < base) base = e.depth;
  for (const e of trace) {
    while (open.length > 0 && open[open.length - 1]! >= e.depth) open.pop();
    if (!keep(e)) continue;
    const level = only || errorsOnly ? open.length : e.depth - base;
    lines.push(`${"  ".repeat(level)}${formatEntry(e)}`);
    open.push(e.depth);
  }
  return lines.join("\n");
}
