/**
 * What the pictures read from a run: the model's own trace entries and device
 * states, plus the small helpers every picture shares (lanes, errors, labels).
 * Browser-safe: no DOM, no node:*; the same code draws at build time and in the page.
 */
import { errnoName } from "../model/include/errno";
import type { DeviceState } from "../model/state";
import { formatCall, formatEntry, formatRet, type Layer, retErrno, sameRet, type TraceEntry } from "../model/trace";

export type { DeviceState, Layer, TraceEntry };

/** A swimlane of the call timeline. */
export interface Lane {
  id: "user" | "vfio" | "pci" | "msi" | "device";
  /** Short label drawn above the lane. */
  label: string;
  /** What the lane stands for, for the legend and the text alternative. */
  description: string;
  /** The trace layers drawn in this lane. */
  layers: readonly Layer[];
}

/**
 * The lanes, top of the stack first. The driver core ('base': bind, unbind,
 * devres release) has no lane of its own: it sits between the sysfs write and
 * the driver it binds, so it is drawn in the VFIO lane and the legend says so.
 */
export const LANES: readonly Lane[] = [
  {
    id: "user",
    label: "user",
    description: "user space: the QEMU-like VMM, ioctl(), close(), sysfs writes",
    layers: ["user"],
  },
  {
    id: "vfio",
    label: "VFIO",
    description: "vfio-pci, and the driver core (bind, unbind, devres), which is drawn in this lane",
    layers: ["vfio", "base"],
  },
  { id: "pci", label: "PCI/MSI", description: "PCI/MSI (drivers/pci/msi, SR-IOV)", layers: ["pci"] },
  { id: "msi", label: "MSI core", description: "the MSI core (kernel/irq/msi.c) and IRQ management", layers: ["msi"] },
  {
    id: "device",
    label: "device",
    description: "the device and its firmware (config space changes)",
    layers: ["device"],
  },
];

/** The lane index (0 = user) that draws a layer. */
export function laneOf(layer: Layer): number {
  const i = LANES.findIndex((l) => l.layers.includes(layer));
  return i < 0 ? LANES.length - 1 : i;
}

/** The errno a return value carries (the model's one definition). */
export const errnoOf = retErrno;

/** How a failing or warning entry is marked: never by colour alone, always with this text too. */
export type Fault = null | { kind: "error"; errno: number; name: string } | { kind: "warn"; name: string };

export function faultOf(e: TraceEntry): Fault {
  if (e.fn === "WARN_ON_ONCE") return { kind: "warn", name: "WARN_ON_ONCE" };
  const errno = errnoOf(e.ret);
  return errno === null ? null : { kind: "error", errno, name: errnoName(errno) };
}

/** The return value as text, spelled by the model's one formatter (formatRet). */
export function retText(e: TraceEntry): string {
  return formatRet(e.ret);
}

/** `fn(a=1, b=2)`: the model's formatCall. */
export const callText = formatCall;

/** `fn(a=1, b=2) = -34 ERANGE`: the model's formatEntry. */
export const entryText = formatEntry;

/** Shortens text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** The parent (caller) of every entry, by index; -1 for depth-0 entries. */
export function parents(trace: readonly TraceEntry[]): number[] {
  const stack: number[] = [];
  return trace.map((e, i) => {
    stack.length = e.depth;
    const p = e.depth === 0 ? -1 : (stack[e.depth - 1] ?? -1);
    stack[e.depth] = i;
    return p;
  });
}

/** Two entries are the same call when function, arguments and return value agree. */
export function sameCall(a: TraceEntry, b: TraceEntry): boolean {
  if (a.fn !== b.fn || a.depth !== b.depth || !sameRet(a.ret, b.ret)) return false;
  const ka = Object.keys(a.args);
  const kb = Object.keys(b.args);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b.args, k) && a.args[k] === b.args[k]);
}

/**
 * How each entry's result reads in a picture:
 * - "origin": a failing call (negative errno) that its caller passes on with the same errno, and
 *   whose own callees did not fail with it: where an error that reaches the user starts
 *   (msi_insert_desc = -34 ERANGE);
 * - "passes": a failing call that passes a callee's error up unchanged;
 * - "handled": a failing call whose caller did not pass its errno on (a probe such as
 *   pci_irq_vector = -22, after which vfio-pci allocates the vector dynamically);
 * - "warn": a WARN_ON_ONCE;
 * - null: success or void.
 * Every kind is drawn with an icon and words, never by colour alone.
 */
export type Outcome = "origin" | "passes" | "handled" | "warn" | null;

export function outcomes(trace: readonly TraceEntry[]): Outcome[] {
  const parent = parents(trace);
  const errno = trace.map((e) => (e.fn === "WARN_ON_ONCE" ? null : errnoOf(e.ret)));
  const propagated = errno.map((x, i) => x !== null && (parent[i] < 0 || errno[parent[i]] === x));
  const feeds = new Set<number>();
  propagated.forEach((p, i) => {
    if (p && parent[i] >= 0) feeds.add(parent[i]);
  });
  return trace.map((e, i) => {
    if (e.fn === "WARN_ON_ONCE") return "warn";
    if (errno[i] === null) return null;
    if (!propagated[i]) return "handled";
    return feeds.has(i) ? "passes" : "origin";
  });
}

/** The icon and words that mark an outcome. */
export const OUTCOME_MARK: Record<Exclude<Outcome, null>, { icon: string; words: string }> = {
  origin: { icon: "✖", words: "fails here" },
  passes: { icon: "↑", words: "passes the error up" },
  handled: { icon: "↷", words: "error handled by the caller" },
  warn: { icon: "⚠", words: "warning" },
};
