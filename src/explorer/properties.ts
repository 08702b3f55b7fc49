/**
 * The properties the explorer checks after every step, each written once with a name and a
 * sentence. A property judges one step: the facts before it, the action, its result, the facts
 * after it. Facts are what the model's public API shows (host.inspect(), the QEMU object) plus
 * what the explorer remembers about the running VM; never IRQ or fd numbers, so two sequences
 * that reach the same canonical state get the same verdicts.
 */
import { type DeviceState, EBUSY, errnoName, type TraceEntry } from "msi-lifecycle";
import { type Action, absorb, BDF, type World } from "./actions";

/** What the explorer knows at one moment. */
export interface Facts {
  device: DeviceState;
  vm: null | { entries: number; noresize: boolean; nrVectors: number; msixEnabled: boolean; used: number[] };
  /** The Table Size changed after the running VM read it. */
  sizeChangedSinceOpen: boolean;
  msiData: boolean;
  warned: string[];
}

/** The facts of a world, as plain data. */
export function factsOf(w: World): Facts {
  return {
    device: w.host.inspect(BDF),
    vm: w.vm
      ? {
          entries: w.vm.entries,
          noresize: w.vm.noresize,
          nrVectors: w.vm.nr_vectors,
          msixEnabled: w.vm.msixEnabled,
          used: [...w.used].sort((a, b) => a - b),
        }
      : null,
    sizeChangedSinceOpen: w.sizeChangedSinceOpen,
    msiData: w.msiData,
    warned: [...w.warned].sort(),
  };
}

/**
 * The canonical state: the facts with interrupt numbers left out (only which vectors have an
 * interrupt counts), as one string. Two worlds with the same canonical state behave the same
 * from then on, up to the numbering of IRQs and fds, which no property looks at.
 */
export function canonical(f: Facts): string {
  const d = f.device;
  return JSON.stringify([
    d.driver,
    d.tableSize,
    d.msixEnabled,
    d.functionMasked,
    d.domain?.hwsize ?? null,
    d.descriptors,
    Object.keys(d.irqs).map(Number),
    d.vfioContexts,
    d.irqType,
    d.hasDynMsix,
    f.vm && [f.vm.entries, f.vm.noresize, f.vm.nrVectors, f.vm.msixEnabled, f.vm.used],
    f.sizeChangedSinceOpen,
    f.msiData,
    f.warned,
  ]);
}

/** One step, as a property sees it. */
export interface Step {
  action: Action;
  /** The action's result: 0, a count, or a negative errno; NaN if it threw. */
  ret: number;
  /** What it threw, if it did. */
  thrown?: string;
  before: Facts;
  after: Facts;
}

/**
 * Plays `action` in `w` (whose facts are `before`) and reads what it did: the step the
 * properties check, and the trace entries it added. A throw is kept in the step, not
 * propagated: the model must never throw, and a property says so.
 */
export function playStep(action: Action, w: World, before: Facts): { step: Step; entries: TraceEntry[] } {
  let ret = Number.NaN;
  let thrown: string | undefined;
  try {
    ret = action.run(w);
  } catch (e) {
    thrown = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  const entries = absorb(w);
  return { step: { action, ret, before, after: factsOf(w), ...(thrown !== undefined ? { thrown } : {}) }, entries };
}

/** A named property. */
export interface Property {
  name: string;
  /** What it means, in one sentence. */
  sentence: string;
  /** null if the step keeps the property, else what went wrong (one line). */
  check(s: Step): string | null;
}

const show = (ret: number) => (ret < 0 ? `${ret} ${errnoName(ret)}` : String(ret));
const isVectorUse = (a: Action) => a.id.startsWith("use ");

/** The properties, in the order reports list them. */
export const PROPERTIES: readonly Property[] = [
  {
    name: "read-size-honoured",
    sentence:
      "When the guest enables MSI-X or unmasks a vector below the Table Size its VM read at open, and that size has not changed since, the request succeeds.",
    check: ({ action, ret, before }) => {
      if (!before.vm || before.sizeChangedSinceOpen) return null;
      if (action.id !== "enable" && !isVectorUse(action)) return null;
      if (ret === 0) return null;
      return `${action.id} returned ${show(ret)} although the VM read ${before.vm.entries} entries and the Table Size is unchanged`;
    },
  },
  {
    name: "domain-fresh-at-enable",
    sentence:
      "Right after the guest enables MSI-X, the device's MSI domain, if it has one, is sized for the Table Size the device reports.",
    check: ({ action, ret, after }) => {
      const d = after.device.domain;
      if (action.id !== "enable" || ret !== 0 || !d || d.hwsize === after.device.tableSize) return null;
      return `MSI-X enabled with a domain of hwsize ${d.hwsize} while the Table Size is ${after.device.tableSize}`;
    },
  },
  {
    name: "nothing-left-after-shutdown",
    sentence:
      "After the VM shuts down, the device holds no MSI descriptors, no interrupts and no VFIO trigger contexts, and MSI-X is off.",
    check: ({ action, after }) => {
      if (action.id !== "shutdown") return null;
      const d = after.device;
      const left = [
        d.descriptors.length ? `descriptors ${JSON.stringify(d.descriptors)}` : "",
        Object.keys(d.irqs).length ? `interrupts for ${JSON.stringify(Object.keys(d.irqs).map(Number))}` : "",
        d.vfioContexts.length ? `VFIO contexts ${JSON.stringify(d.vfioContexts)}` : "",
        d.msixEnabled ? "MSI-X still enabled" : "",
        d.irqType !== "none" ? `irq_type ${d.irqType}` : "",
      ].filter(Boolean);
      return left.length ? `after shutdown: ${left.join(", ")}` : null;
    },
  },
  {
    name: "nothing-left-after-unbind",
    sentence: "After vfio-pci is unbound, the device has no MSI domain and no MSI descriptors left.",
    check: ({ action, ret, after }) => {
      if (action.id !== "unbind" || ret !== 0) return null;
      const d = after.device;
      if (!d.domain && d.descriptors.length === 0) return null;
      return `after unbind: domain ${JSON.stringify(d.domain)}, descriptors ${JSON.stringify(d.descriptors)}`;
    },
  },
  {
    name: "supported-path-works",
    sentence:
      "The supported path never fails: with no VM running, unbinding vfio-pci, writing sriov_vf_msix_count on the unbound VF and binding vfio-pci again each succeed.",
    check: ({ action, ret, before }) => {
      const unbound = before.device.driver === null;
      const onPath =
        (action.id === "unbind" && !before.vm && !unbound) ||
        (action.id.startsWith("sysfs ") && unbound) ||
        (action.id === "bind" && unbound);
      return onPath && ret !== 0 ? `${action.id} returned ${show(ret)}` : null;
    },
  },
  {
    name: "count-write-refused-while-bound",
    sentence:
      "A write to sriov_vf_msix_count while a driver is bound is refused with -EBUSY and leaves the Table Size alone.",
    check: ({ action, ret, before, after }) => {
      if (!action.id.startsWith("sysfs ") || before.device.driver === null) return null;
      if (ret === -EBUSY && after.device.tableSize === before.device.tableSize) return null;
      return `write while bound returned ${show(ret)}, Table Size ${before.device.tableSize} -> ${after.device.tableSize}`;
    },
  },
  {
    name: "errors-are-errnos",
    sentence: "Every action returns 0, a count or a negative errno the kernel knows; the model never throws.",
    check: ({ ret, thrown }) => {
      if (thrown !== undefined) return `threw ${thrown}`;
      if (!Number.isInteger(ret)) return `returned ${ret}, not an integer`;
      if (ret < 0 && errnoName(ret).startsWith("E?")) return `returned ${ret}, not a known errno`;
      return null;
    },
  },
];

/**
 * Checked by the engine rather than per step: every time a sequence is replayed (the explorer
 * replays a sequence to extend it), its trace must be the same as the first time.
 */
export const DETERMINISM: Pick<Property, "name" | "sentence"> = {
  name: "same-sequence-same-trace",
  sentence:
    "The same sequence of actions, run again on a fresh host, makes the same calls with the same arguments and results, and ends in the same state.",
};

/** Every property name, in report order (the determinism check last). */
export const PROPERTY_NAMES: readonly string[] = [...PROPERTIES.map((p) => p.name), DETERMINISM.name];
