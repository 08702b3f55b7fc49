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

/** The VF every exploration uses. */
export const BDF = "0000:2e:00.1";
/** Its Table Size at the start. */
export const INITIAL_TABLE_SIZE = 8;
/** Table Sizes the firmware may switch to: growth and shrink around the initial 8. */
export const FIRMWARE_SIZES = [4, 8, 64] as const;
/** Vector indices the guest may unmask: 0, the old last index, the old size, the new last index. */
export const VECTORS = [0, 7, 8, 63] as const;
/** The value written to sriov_vf_msix_count: the supported way to grow the table. */
export const SYSFS_COUNT = 64;

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

/** Width of a step's label in a snippet's output. */
export const STEP_WIDTH = 30;

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

function stepAction(
  id: string,
  label: string,
  what: string,
  expr: string,
  enabled: (w: World) => boolean,
  run: (w: World) => number,
): Action {
  return {
    id,
    label,
    enabled,
    run,
    code: () => `step(${JSON.stringify(what)}, ${expr});`,
    printed: (_w, ret) => stepLine(what, ret),
  };
}

const vmUp = (w: World): w is World & { vm: QemuVfioPci } => w.vm !== null;

/** The alphabet, in the order the explorer tries actions (which decides ties between equally short sequences). */
export const ACTIONS: readonly Action[] = [
  {
    id: "open",
    label: "a VM opens the VF (QEMU reads the Table Size once)",
    enabled: (w) => !vmUp(w),
    run: (w) => {
      const vm = w.host.qemu(BDF);
      const ret = lastTopLevelRet(w);
      w.vm = ret === 0 ? vm : null;
      w.used = new Set();
      w.sizeChangedSinceOpen = false;
      return ret;
    },
    code: (first) => `${first ? "let vm" : "vm"} = host.qemu(vf.bdf);\nstep("a VM opens it, entries:", vm.entries);`,
    printed: (w, ret) => stepLine("a VM opens it, entries:", ret === 0 && w.vm ? w.vm.entries : 0),
  },
  stepAction(
    "enable",
    "the guest enables MSI-X",
    "guest enables MSI-X",
    "vm.enableMsix()",
    (w) => vmUp(w) && !w.vm.msixEnabled,
    (w) => {
      w.used = new Set();
      return w.vm!.enableMsix();
    },
  ),
  ...VECTORS.map((k) =>
    stepAction(
      `use ${k}`,
      `the guest unmasks vector ${k}`,
      `guest uses vector ${k}`,
      `vm.useVector(${k})`,
      (w) => vmUp(w) && w.vm.msixEnabled && k < w.vm.entries && !w.used.has(k),
      (w) => {
        w.used.add(k);
        return w.vm!.useVector(k);
      },
    ),
  ),
  stepAction(
    "disable",
    "the guest disables MSI-X",
    "guest disables MSI-X",
    "vm.disableMsix()",
    (w) => vmUp(w) && w.vm.msixEnabled,
    (w) => {
      w.used = new Set();
      return w.vm!.disableMsix();
    },
  ),
  stepAction(
    "shutdown",
    "the VM shuts down (QEMU closes the VFIO fd)",
    "VM shuts down",
    "vm.shutdown()",
    (w) => vmUp(w),
    (w) => {
      const ret = w.vm!.shutdown();
      w.vm = null;
      w.used = new Set();
      w.sizeChangedSinceOpen = false;
      return ret;
    },
  ),
  ...FIRMWARE_SIZES.map(
    (n): Action => ({
      id: `firmware ${n}`,
      label: `the device's firmware sets the Table Size to ${n}`,
      enabled: (w) => tableSize(w) !== n,
      run: (w) => {
        const before = tableSize(w);
        w.vf.firmwareSetMsixCount(n);
        noteSizeChange(w, before);
        return 0;
      },
      code: () => `vf.firmwareSetMsixCount(${n});\nconsole.log(host.lspci(vf.bdf));`,
      printed: (w) => w.host.lspci(BDF),
    }),
  ),
  stepAction(
    `sysfs ${SYSFS_COUNT}`,
    `the administrator writes ${SYSFS_COUNT} to sriov_vf_msix_count`,
    `write sriov_vf_msix_count ${SYSFS_COUNT}`,
    `host.sysfs.write(\`/sys/bus/pci/devices/\${vf.bdf}/sriov_vf_msix_count\`, ${SYSFS_COUNT})`,
    () => true,
    (w) => {
      const before = tableSize(w);
      const ret = w.host.sysfs.write(COUNT_PATH, SYSFS_COUNT);
      noteSizeChange(w, before);
      return ret;
    },
  ),
  stepAction(
    "unbind",
    "the administrator unbinds vfio-pci (with no VM running: the kernel would wait for it)",
    "unbind vfio-pci",
    "vf.unbind()",
    (w) => !vmUp(w) && bound(w),
    (w) => w.vf.unbind(),
  ),
  stepAction(
    "bind",
    "the administrator binds vfio-pci",
    "bind vfio-pci",
    'vf.bind("vfio-pci")',
    (w) => !bound(w),
    (w) => w.vf.bind("vfio-pci"),
  ),
];

/** The action with `id`, or undefined. */
export function actionById(id: string): Action | undefined {
  return ACTIONS.find((a) => a.id === id);
}
