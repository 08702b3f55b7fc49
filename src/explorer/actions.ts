/**
 * The explorer's world and its action alphabet, in one place.
 *
 * The world is one host running one profile with one VF (Table Size 8, bound to vfio-pci, as in
 * the seed scenario) and at most one VM using it. An action is something a user, a guest or the
 * device's firmware does; each is written once here with: when it makes sense (a VM must be
 * running to enable MSI-X, the guest only unmasks vectors inside the table QEMU read, ...), what it
 * does through the model's public API, and the line a snippet uses to do the same.
 */
import { errnoName, type Host, type QemuVfioPci, type TraceEntry, type Vf } from "msi-lifecycle";
import { hostFor, type Profile } from "./profiles";

import {
  type ActionSpec,
  BDF,
  fixedSpec,
  firmwareSpec,
  INITIAL_TABLE_SIZE,
  STEP_WIDTH,
  SYSFS_COUNT,
  useSpec,
  type WorldView,
} from "./alphabet";

export { BDF, INITIAL_TABLE_SIZE, STEP_WIDTH, SYSFS_COUNT };
/** Table Sizes the firmware may switch to: growth and shrink around the initial 8. */
export const FIRMWARE_SIZES = [4, 8, 64] as const;
/** Vector indices the guest may unmask: 0, the old last index, the old size, the new last index. */
export const VECTORS = [0, 7, 8, 63] as const;

const COUNT_PATH = `/sys/bus/pci/devices/${BDF}/sriov_vf_msix_count`;

/** The explorer's view of a running host. */
export interface World {
  readonly profile: Profile;
  readonly host: Host;
  readonly vf: Vf;
  /** The running VM, or null. */
  vm: QemuVfioPci | null;
  /** Vectors the guest has unmasked since it last enabled MSI-X. */
  used: Set<number>;
  /** The Table Size changed after the running VM read it. */
  sizeChangedSinceOpen: boolean;
  /** How many trace entries have been read. */
  seen: number;
  /** From the trace: the device has MSI data (msi_setup_device_data() ran since the last release). */
  msiData: boolean;
  /** From the trace: WARN_ON_ONCE conditions that fired (each fires once per host). */
  warned: Set<string>;
}

/** Makes the host of a world; tests pass their own to check that the explorer notices faults. */
export type HostFactory = (profile: Profile) => Host;

/** A fresh world of `profile`: the VF with Table Size 8, bound to vfio-pci. */
export function createWorld(profile: Profile, makeHost: HostFactory = hostFor): World {
  const host = makeHost(profile);
  const vf = host.addVf(BDF, { msixTableSize: INITIAL_TABLE_SIZE });
  const w: World = {
    profile,
    host,
    vf,
    vm: null,
    used: new Set(),
    sizeChangedSinceOpen: false,
    seen: 0,
    msiData: false,
    warned: new Set(),
  };
  const ret = vf.bind("vfio-pci");
  if (ret !== 0) throw new Error(`${profile.name}: binding vfio-pci at the start failed with ${ret}`);
  absorb(w);
  return w;
}

/**
 * A copy of `w` as it is now, independent of it (host.fork()): a search branches from a state this
 * way instead of replaying the sequence that led there on a fresh host.
 */
export function forkWorld(w: World): World {
  const f = w.host.fork();
  return {
    profile: w.profile,
    host: f.host,
    vf: f.counterpart(w.vf),
    vm: w.vm && f.counterpart(w.vm),
    used: new Set(w.used),
    sizeChangedSinceOpen: w.sizeChangedSinceOpen,
    seen: w.seen,
    msiData: w.msiData,
    warned: new Set(w.warned),
  };
}

/** Reads the trace entries added since the last call; returns them. */
export function absorb(w: World): TraceEntry[] {
  const trace = w.host.trace;
  const fresh = trace.slice(w.seen);
  w.seen = trace.length;
  for (const e of fresh) {
    if (e.fn === "msi_setup_device_data") w.msiData = true;
    else if (e.fn === "msi_device_data_release") w.msiData = false;
    else if (e.fn === "WARN_ON_ONCE") w.warned.add(String(e.args.condition));
  }
  return fresh;
}

/** One letter of the alphabet. */
export interface Action {
  /** Short id, used in JSON and on the command line: "open", "use 8", "firmware 64". */
  id: string;
  /** What happens, in words. */
  label: string;
  /** Does the action make sense in this world? */
  enabled(w: World): boolean;
  /** Do it: 0, a positive count or a negative errno. */
  run(w: World): number;
  /** The snippet statements that do it (they may use `host`, `vf`, `vm` and `step()`). */
  code(firstOpen: boolean): string;
  /** The line those statements print, given the world after the action and its result. */
  printed(w: World, ret: number): string;
}

/** What a snippet's `step(what, ret)` prints. */
export function stepLine(what: string, ret: number): string {
  return `${what.padEnd(STEP_WIDTH)} ${ret < 0 ? `${ret} ${errnoName(ret)}` : ret}`;
}

/** The result of the last user-level (depth 0) call in the trace. */
function lastTopLevelRet(w: World): number {
  const t = w.host.trace;
  for (let i = t.length - 1; i >= w.seen; i--) {
    const e = t[i]!;
    if (e.depth === 0) return typeof e.ret === "number" ? e.ret : Number.NaN;
  }
  return Number.NaN;
}

function tableSize(w: World): number {
  return w.host.inspect(BDF).tableSize;
}

function bound(w: World): boolean {
  return w.host.inspect(BDF).driver === "vfio-pci";
}

/** A firmware or sysfs change of the Table Size while a VM runs invalidates what it read. */
function noteSizeChange(w: World, before: number): void {
  if (w.vm && tableSize(w) !== before) w.sizeChangedSinceOpen = true;
}

/** The view of a world that the alphabet's conditions read (alphabet.ts). */
export function viewOf(w: World): WorldView {
  return {
    vm: w.vm,
    used: w.used,
    get tableSize() {
      return tableSize(w);
    },
    get bound() {
      return bound(w);
    },
  };
}

/** An action of the alphabet with its run on a live world. */
function withRun(spec: ActionSpec, run: (w: World) => number, printed?: Action["printed"]): Action {
  return {
    id: spec.id,
    label: spec.label,
    enabled: (w) => spec.why(viewOf(w)) === null,
    run,
    code: (first) => spec.code(first),
    printed: printed ?? ((_w, ret) => stepLine(spec.what, ret)),
  };
}

/** The alphabet, in the order the explorer tries actions (which decides ties between equally short sequences). */
export const ACTIONS: readonly Action[] = [
  withRun(
    fixedSpec("open"),
    (w) => {
      const vm = w.host.qemu(BDF);
      const ret = lastTopLevelRet(w);
      w.vm = ret === 0 ? vm : null;
      w.used = new Set();
      w.sizeChangedSinceOpen = false;
      return ret;
    },
    (w, ret) => stepLine("a VM opens it, entries:", ret === 0 && w.vm ? w.vm.entries : 0),
  ),
  withRun(fixedSpec("enable"), (w) => {
    w.used = new Set();
    return w.vm!.enableMsix();
  }),
  ...VECTORS.map((k) =>
    withRun(useSpec(k), (w) => {
      w.used.add(k);
      return w.vm!.useVector(k);
    }),
  ),
  withRun(fixedSpec("disable"), (w) => {
    w.used = new Set();
    return w.vm!.disableMsix();
  }),
  withRun(fixedSpec("shutdown"), (w) => {
    const ret = w.vm!.shutdown();
    w.vm = null;
    w.used = new Set();
    w.sizeChangedSinceOpen = false;
    return ret;
  }),
  ...FIRMWARE_SIZES.map((n) =>
    withRun(
      firmwareSpec(n),
      (w) => {
        const before = tableSize(w);
        w.vf.firmwareSetMsixCount(n);
        noteSizeChange(w, before);
        return 0;
      },
      (w) => w.host.lspci(BDF),
    ),
  ),
  withRun(fixedSpec("sysfs"), (w) => {
    const before = tableSize(w);
    const ret = w.host.sysfs.write(COUNT_PATH, SYSFS_COUNT);
    noteSizeChange(w, before);
    return ret;
  }),
  withRun(fixedSpec("unbind"), (w) => w.vf.unbind()),
  withRun(fixedSpec("bind"), (w) => w.vf.bind("vfio-pci")),
];

/** The action with `id`, or undefined. */
export function actionById(id: string): Action | undefined {
  return ACTIONS.find((a) => a.id === id);
}
