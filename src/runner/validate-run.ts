/**
 * What crosses from the snippet worker to the page is untrusted data: an edited
 * snippet runs in the worker and can post anything. validateRunHosts() checks
 * the shape, the types and the ranges of every host, trace entry and device
 * state, and returns a fresh copy made only of the checked fields (typed as
 * RunHost), or throws a RunDataError that names the first bad field. The
 * pictures draw only what passed here. Browser-safe.
 */
import type { DeviceState, Layer, TraceEntry, TraceRet } from "msi-lifecycle";
import { MSI_MAX_INDEX, MSI_XA_DOMAIN_SIZE } from "../model/include/msi";
import { msix_table_size, PCI_MSIX_FLAGS_QSIZE } from "../model/include/pci_regs";
import type { RunHost } from "./profile";

/** Limits that keep a drawing finite; a run past them is refused with a clear message. */
export const RUN_LIMITS = {
  hosts: 64,
  /** Trace entries per host (the pictures lay out and tabulate every one). */
  entries: 20_000,
  /** Call depth. */
  depth: 100,
  /** Characters in one string (function name, argument, address). */
  text: 1_000,
  /** Arguments of one call. */
  args: 32,
  /** MSI-X Table Size: the 11-bit N-1 field of Message Control, at most 2048. */
  tableSize: msix_table_size(PCI_MSIX_FLAGS_QSIZE),
  /** A domain's hwsize: at most the software index limit. */
  hwsize: MSI_XA_DOMAIN_SIZE,
  /** MSI indices (descriptors, VFIO contexts). */
  index: MSI_MAX_INDEX,
} as const;

/** A run's data that is not what the model produces; `path` names the field ("hosts[0].trace[3].fn"). */
export class RunDataError extends TypeError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`the run's data is not a model trace: ${path} ${problem}`);
    this.name = "RunDataError";
  }
}

const LAYERS = { user: true, vfio: true, pci: true, msi: true, base: true, device: true } satisfies Record<Layer, true>;
const IRQ_TYPES = { none: true, intx: true, msi: true, msix: true } satisfies Record<DeviceState["irqType"], true>;
const ARG_NAME = /^[A-Za-z_$][\w$]*$/;
const INTEGER_KEY = /^(0|[1-9]\d*)$/;

/** A short, inert description of a bad value for the message. */
function shown(v: unknown): string {
  let text: string;
  try {
    text = typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    text = Object.prototype.toString.call(v);
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function fail(path: string, want: string, got: unknown): never {
  throw new RunDataError(path, `must be ${want}, got ${shown(got)}`);
}

function record(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail(path, "an object", v);
  return v as Record<string, unknown>;
}

/** Own keys of an object; unknown, missing or dangerous ones (`__proto__`) are refused. */
function keysOf(
  o: Record<string, unknown>,
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
) {
  const allowed = new Set([...required, ...optional]);
  for (const k of Object.keys(o)) {
    if (!allowed.has(k)) throw new RunDataError(`${path}.${k}`, "is not a field of the model's data");
  }
  for (const k of required) if (!Object.hasOwn(o, k)) throw new RunDataError(`${path}.${k}`, "is missing");
}

function text(v: unknown, path: string): string {
  if (typeof v !== "string") fail(path, "a string", v);
  if (v.length > RUN_LIMITS.text) fail(path, `a string of at most ${RUN_LIMITS.text} characters`, v);
  return v;
}

function int(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    fail(path, `an integer from ${min} to ${max}`, v);
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== "boolean") fail(path, "true or false", v);
  return v;
}

/** Sorted, distinct MSI indices. */
function indices(v: unknown, path: string): number[] {
  if (!Array.isArray(v) || v.length > RUN_LIMITS.index + 1) fail(path, "a list of MSI indices", v);
  return v.map((x, i) => {
    const n = int(x, `${path}[${i}]`, 0, RUN_LIMITS.index);
    if (i > 0 && n <= v[i - 1]) fail(`${path}[${i}]`, `greater than the index before it (${v[i - 1]})`, x);
    return n;
  });
}

function args(v: unknown, path: string): TraceEntry["args"] {
  const o = record(v, path);
  const keys = Object.keys(o);
  if (keys.length > RUN_LIMITS.args) fail(path, `at most ${RUN_LIMITS.args} arguments`, keys.length);
  const out: TraceEntry["args"] = {};
  for (const k of keys) {
    if (!ARG_NAME.test(k) || k === "__proto__")
      throw new RunDataError(`${path}[${shown(k)}]`, "is not an argument name");
    const x = o[k];
    const at = `${path}.${k}`;
    if (x === null || typeof x === "boolean") out[k] = x;
    else if (typeof x === "number") out[k] = x;
    else out[k] = text(x, at);
  }
  return out;
}

function ret(v: unknown, path: string): TraceRet {
  if (v === null || typeof v === "boolean" || typeof v === "number") return v;
  const o = record(v, path);
  keysOf(o, path, ["index", "virq"]);
  return {
    index: int(o.index, `${path}.index`, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    virq: int(o.virq, `${path}.virq`, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  };
}

function irqs(v: unknown, path: string): Record<number, number> {
  const o = record(v, path);
  const out: Record<number, number> = {};
  for (const k of Object.keys(o)) {
    if (!INTEGER_KEY.test(k)) throw new RunDataError(`${path}[${shown(k)}]`, "is not an MSI index");
    out[int(Number(k), `${path}[${k}]`, 0, RUN_LIMITS.index)] = int(o[k], `${path}[${k}]`, 0, 2 ** 31 - 1);
  }
  return out;
}

/** A device state (src/model/state.ts DeviceState), field by field. */
export function validateState(v: unknown, path: string): DeviceState {
  const o = record(v, path);
  const fields = ["bdf", "driver", "tableSize", "msixEnabled", "functionMasked", "domain", "descriptors"] as const;
  keysOf(o, path, [...fields, "irqs", "vfioContexts", "irqType", "hasDynMsix"]);
  let domain: DeviceState["domain"] = null;
  if (o.domain !== null) {
    const d = record(o.domain, `${path}.domain`);
    keysOf(d, `${path}.domain`, ["hwsize"]);
    domain = { hwsize: int(d.hwsize, `${path}.domain.hwsize`, 0, RUN_LIMITS.hwsize) };
  }
  const irqType = o.irqType;
  if (typeof irqType !== "string" || !Object.hasOwn(IRQ_TYPES, irqType))
    fail(`${path}.irqType`, Object.keys(IRQ_TYPES).join(", "), irqType);
  return {
    bdf: text(o.bdf, `${path}.bdf`),
    driver: o.driver === null ? null : text(o.driver, `${path}.driver`),
    tableSize: int(o.tableSize, `${path}.tableSize`, 0, RUN_LIMITS.tableSize),
    msixEnabled: bool(o.msixEnabled, `${path}.msixEnabled`),
    functionMasked: bool(o.functionMasked, `${path}.functionMasked`),
    domain,
    descriptors: indices(o.descriptors, `${path}.descriptors`),
    irqs: irqs(o.irqs, `${path}.irqs`),
    vfioContexts: indices(o.vfioContexts, `${path}.vfioContexts`),
    irqType: irqType as DeviceState["irqType"],
    hasDynMsix: o.hasDynMsix === null ? null : bool(o.hasDynMsix, `${path}.hasDynMsix`),
  };
}

/** One trace entry (src/model/trace.ts TraceEntry): its position `seq` and a depth one below its caller at most. */
export function validateEntry(v: unknown, path: string, seq: number, depthBefore: number): TraceEntry {
  const o = record(v, path);
  keysOf(o, path, ["seq", "fn", "layer", "args", "ret", "depth"], ["bdf", "state"]);
  if (o.seq !== seq) fail(`${path}.seq`, `${seq} (its position in the trace)`, o.seq);
  const layer = o.layer;
  if (typeof layer !== "string" || !Object.hasOwn(LAYERS, layer))
    fail(`${path}.layer`, Object.keys(LAYERS).join(", "), layer);
  const entry: TraceEntry = {
    seq,
    fn: text(o.fn, `${path}.fn`),
    layer: layer as Layer,
    args: args(o.args, `${path}.args`),
    ret: ret(o.ret, `${path}.ret`),
    depth: int(o.depth, `${path}.depth`, 0, Math.min(RUN_LIMITS.depth, depthBefore + 1)),
  };
  if (o.bdf !== undefined) entry.bdf = text(o.bdf, `${path}.bdf`);
  if (o.state !== undefined) entry.state = validateState(o.state, `${path}.state`);
  return entry;
}

/** Checks one host: its kernel and every trace entry. */
export function validateRunHost(v: unknown, path: string): RunHost {
  const o = record(v, path);
  keysOf(o, path, ["kernel", "trace"]);
  const trace = o.trace;
  if (!Array.isArray(trace)) fail(`${path}.trace`, "a list of trace entries", trace);
  if (trace.length > RUN_LIMITS.entries)
    fail(`${path}.trace`, `at most ${RUN_LIMITS.entries} entries to be drawn`, `${trace.length} entries`);
  const entries: TraceEntry[] = [];
  let depth = -1;
  for (let i = 0; i < trace.length; i++) {
    const e = validateEntry(trace[i], `${path}.trace[${i}]`, i, depth);
    depth = e.depth;
    entries.push(e);
  }
  return { kernel: text(o.kernel, `${path}.kernel`), trace: entries };
}

/** Checks the hosts of a run as the worker posted them; returns a checked copy. @throws RunDataError */
export function validateRunHosts(v: unknown): RunHost[] {
  if (!Array.isArray(v)) fail("hosts", "a list of hosts", v);
  if (v.length > RUN_LIMITS.hosts) fail("hosts", `at most ${RUN_LIMITS.hosts} hosts`, `${v.length} hosts`);
  return v.map((h, i) => validateRunHost(h, `hosts[${i}]`));
}
