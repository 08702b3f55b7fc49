/**
 * The lifecycle action alphabet as pure data: each action's id, its words, when it is possible
 * (with the reason when it is not), and the snippet statements that do it through the model's
 * public API. No model code runs here, so the page (the lab) and the explorer share it: the
 * explorer (actions.ts) adds how each action runs on a live host; the lab runs the statements
 * in the snippet worker. Browser-safe, no imports.
 *
 * Vector and Table Size actions take a number: the explorer tries a few chosen ones
 * (actions.ts), the lab lets the reader pick any in range.
 */

/** The VF every world uses. */
export const BDF = "0000:2e:00.1";
/** Its Table Size at the start. */
export const INITIAL_TABLE_SIZE = 8;
/** The value written to sriov_vf_msix_count: the supported way to grow the table. */
export const SYSFS_COUNT = 64;
/** MSI-X Table Size is an 11-bit N-1 field: 1..2048 entries (PCI_MSIX_FLAGS_QSIZE). */
export const MAX_TABLE_SIZE = 2048;

/** What an action's condition reads: a plain view of the world after the previous step. */
export interface WorldView {
  /** The running VM (QEMU opened the VF): what it read and whether the guest enabled MSI-X. */
  readonly vm: { readonly entries: number; readonly msixEnabled: boolean } | null;
  /** Vectors the guest has unmasked since it last enabled MSI-X. */
  readonly used: { has(k: number): boolean };
  /** The VF's Table Size now. */
  readonly tableSize: number;
  /** The VF is bound to vfio-pci. */
  readonly bound: boolean;
}

/** One letter of the alphabet, without its run on a host. */
export interface ActionSpec {
  /** Short id, used in JSON, on the command line and in lab links: "open", "use 8", "firmware 64". */
  id: string;
  /** The kind: the id without its number. */
  kind: ActionKind;
  /** The number of "use n" and "firmware n". */
  n?: number;
  /** What happens, in words. */
  label: string;
  /** null when the action is possible in `v`, else why not (a sentence for the reader). */
  why(v: WorldView): string | null;
  /** The words its `step()` line starts with (firmware changes print lspci instead). */
  what: string;
  /** The snippet statements that do it (they may use `host`, `vf`, `vm` and `step()`). */
  code(firstOpen: boolean): string;
}

export type ActionKind = "open" | "enable" | "use" | "disable" | "shutdown" | "firmware" | "sysfs" | "unbind" | "bind";

/** What a snippet's `step(what, ret)` labels a step with; the VM's open prints its entries instead. */
export function stepCode(what: string, expr: string): string {
  return `step(${JSON.stringify(what)}, ${expr});`;
}

const NO_VM = "no VM is running: start one first";

function simple(
  kind: ActionKind,
  label: string,
  why: (v: WorldView) => string | null,
  what: string,
  expr: string,
): ActionSpec {
  const id = kind === "sysfs" ? `sysfs ${SYSFS_COUNT}` : kind;
  return { id, kind, label, why, what, code: () => stepCode(what, expr) };
}

/** The actions without a number, by id. */
const FIXED: readonly ActionSpec[] = [
  {
    id: "open",
    kind: "open",
    label: "a VM opens the VF (QEMU reads the Table Size once)",
    why: (v) => (v.vm ? "a VM is already running" : null),
    what: "a VM opens it, entries:",
    code: (first) => `${first ? "let vm" : "vm"} = host.qemu(vf.bdf);\nstep("a VM opens it, entries:", vm.entries);`,
  },
  simple(
    "enable",
    "the guest enables MSI-X",
    (v) => (!v.vm ? NO_VM : v.vm.msixEnabled ? "the guest has MSI-X enabled already" : null),
    "guest enables MSI-X",
    "vm.enableMsix()",
  ),
  simple(
    "disable",
    "the guest disables MSI-X",
    (v) => (!v.vm ? NO_VM : !v.vm.msixEnabled ? "the guest has not enabled MSI-X" : null),
    "guest disables MSI-X",
    "vm.disableMsix()",
  ),
  simple(
    "shutdown",
    "the VM shuts down (QEMU closes the VFIO fd)",
    (v) => (v.vm ? null : NO_VM),
    "VM shuts down",
    "vm.shutdown()",
  ),
  simple(
    "sysfs",
    `the administrator writes ${SYSFS_COUNT} to sriov_vf_msix_count`,
    () => null,
    `write sriov_vf_msix_count ${SYSFS_COUNT}`,
    `host.sysfs.write(\`/sys/bus/pci/devices/\${vf.bdf}/sriov_vf_msix_count\`, ${SYSFS_COUNT})`,
  ),
  simple(
    "unbind",
    "the administrator unbinds vfio-pci (with no VM running: the kernel would wait for it)",
    (v) =>
      v.vm ? "a VM is running: unbinding would wait until it lets go" : !v.bound ? "vfio-pci is not bound" : null,
    "unbind vfio-pci",
    "vf.unbind()",
  ),
  simple(
    "bind",
    "the administrator binds vfio-pci",
    (v) => (v.bound ? "vfio-pci is bound already" : null),
    "bind vfio-pci",
    'vf.bind("vfio-pci")',
  ),
];

/** "the guest unmasks vector k", for any k in 0..MAX_TABLE_SIZE-1. */
export function useSpec(k: number): ActionSpec {
  return {
    id: `use ${k}`,
    kind: "use",
    n: k,
    label: `the guest unmasks vector ${k}`,
    why: (v) => {
      if (!v.vm) return NO_VM;
      if (!v.vm.msixEnabled) return "the guest has not enabled MSI-X";
      if (k >= v.vm.entries) return `QEMU read ${v.vm.entries} entries: the guest sees no vector ${k}`;
      if (v.used.has(k)) return `the guest uses vector ${k} already`;
      return null;
    },
    what: `guest uses vector ${k}`,
    code: () => stepCode(`guest uses vector ${k}`, `vm.useVector(${k})`),
  };
}

/** "the device's firmware sets the Table Size to n", for any n in 1..MAX_TABLE_SIZE. */
export function firmwareSpec(n: number): ActionSpec {
  return {
    id: `firmware ${n}`,
    kind: "firmware",
    n,
    label: `the device's firmware sets the Table Size to ${n}`,
    why: (v) => (v.tableSize === n ? `the Table Size is ${n} already` : null),
    what: `firmware sets the Table Size to ${n}`,
    code: () => `vf.firmwareSetMsixCount(${n});\nconsole.log(host.lspci(vf.bdf));`,
  };
}

/** The number in "use n" / "firmware n": a plain decimal integer in range, or undefined. */
function number(text: string, min: number, max: number): number | undefined {
  if (!/^(0|[1-9][0-9]{0,4})$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/**
 * The action with `id`, or undefined for anything that is not exactly an id of the alphabet
 * (ids from links are untrusted: no leading zeros, no extra spaces, numbers in range).
 */
export function parseAction(id: string): ActionSpec | undefined {
  const fixed = FIXED.find((a) => a.id === id);
  if (fixed) return fixed;
  const m = /^(use|firmware) (\S+)$/.exec(id);
  if (!m) return undefined;
  if (m[1] === "use") {
    const k = number(m[2], 0, MAX_TABLE_SIZE - 1);
    return k === undefined ? undefined : useSpec(k);
  }
  const n = number(m[2], 1, MAX_TABLE_SIZE);
  return n === undefined ? undefined : firmwareSpec(n);
}

/** The fixed actions, in the explorer's order of kinds (numbered kinds go where the explorer puts them). */
export function fixedSpec(kind: Exclude<ActionKind, "use" | "firmware">): ActionSpec {
  const a = FIXED.find((x) => x.kind === kind);
  if (!a) throw new Error(`no action of kind ${kind}`);
  return a;
}

/** Width of a step's label in a snippet's output. */
export const STEP_WIDTH = 30;
