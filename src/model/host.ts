/**
 * Scaffolding: createHost() and the Host object snippets use.
 */

import { pci_read_config_word } from "./drivers/pci/access";
import { vfio_pci_init } from "./drivers/vfio/pci/vfio_pci";
import { cloneGraph, forkable } from "./fork";
import { do_eventfd } from "./fs/eventfd";
import type { pci_dev } from "./include/pci";
import { msix_table_size, PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE, PCI_MSIX_FLAGS_MASKALL } from "./include/pci_regs";
import { createMachine, type Machine } from "./machine";
import { BDF_RE, createPf, createPfDriver, createVf, MSIX_MAX_TABLE_SIZE, setTableSize } from "./pciDevice";
import { type HostProfile, type KernelProfile, type Platform, type QemuVersion, resolveProfile } from "./profiles";
import { type QemuEnv, QemuVfioPci } from "./qemu/hw/vfio/pci";
import { type DeviceState, snapshotDevice } from "./state";
import { sysfsBdf, sysfsRead, sysfsWrite } from "./sysfs";
import type { TraceEntry } from "./trace";
import { type VfioDeviceFd, vfioOpen } from "./vfioFd";

/** Options of addVf(). */
export interface VfOptions {
  /** Initial MSI-X Table Size, 1..2048. */
  msixTableSize: number;
  /** PF address; default: function 0 of the VF's bus and device. */
  pf?: string;
  /** The PF's VF MSI-X pool (sriov_vf_total_msix); default 2048. Used when the PF is created. */
  vfTotalMsix?: number;
  /** Whether the PF driver implements sriov_set_msix_vec_count (mlx5_core: yes, default; pci-pf-stub: no). */
  pfSupportsMsixCount?: boolean;
}

/** A VF as addVf() returns it. */
export interface Vf {
  readonly bdf: string;
  /** Writes the bdf to /sys/bus/pci/drivers/<driver>/bind; 0 or -errno. */
  bind(driver: "vfio-pci"): number;
  /** Writes the bdf to /sys/bus/pci/devices/<bdf>/driver/unbind; 0 or -errno. */
  unbind(): number;
  /** Device firmware changes the Table Size: no reset, no notice to the kernel. */
  firmwareSetMsixCount(n: number): void;
}

/** The simulated machine as snippets see it. */
export interface Host {
  /** The kernel profile this host runs (`profile.kernel`). */
  readonly kernel: KernelProfile;
  /** The kernel, QEMU version and platform this host runs (a fresh copy on every read). */
  readonly profile: HostProfile;
  addVf(bdf: string, opts: VfOptions): Vf;
  /** `lspci -vv` line of the MSI-X capability, e.g. `Capabilities: [a0] MSI-X: Enable- Count=8 Masked-`. */
  lspci(bdf: string): string;
  readonly sysfs: {
    /** Write a sysfs file: 0 or a negative errno. */
    write(path: string, value: string | number): number;
    /** Read a sysfs file: its text, null for an absent `driver` link, or a negative errno. */
    read(path: string): string | null | number;
  };
  readonly vfio: {
    /** Open the VFIO device fd of `bdf`: the fd object, or -ENODEV unless bound to vfio-pci. */
    open(bdf: string): VfioDeviceFd | number;
  };
  /** Create an eventfd; returns its fd number. */
  eventfd(): number;
  /** Plain-data snapshot of a device. */
  inspect(bdf: string): DeviceState;
  /**
   * Every traced call so far, in call order: a fresh array on every read, of frozen entries
   * (writing to an entry throws a TypeError; map or spread it to change a copy).
   */
  readonly trace: TraceEntry[];
  clearTrace(): void;
  /** Start a QEMU-like user for `bdf` (realize: open the fd, read the Table Size, GET_IRQ_INFO). */
  qemu(bdf: string): QemuVfioPci;
  /**
   * A copy of this host as it is now, independent of it: its devices, drivers, open files, MSI
   * state, trace so far, and each QEMU user it started. What is done to either afterwards does not
   * show on the other. A convenience of the model, not a kernel feature: it lets a search branch
   * from a state instead of replaying the steps that led there.
   */
  fork(): HostFork;
}

/** What host.fork() returns. */
export interface HostFork {
  /** The copy. */
  readonly host: Host;
  /**
   * The copy's counterpart of a VF handle or QEMU user of the original host.
   * @throws Error for a QEMU user the original host did not start, or a VF it does not have
   */
  counterpart<T extends Vf | QemuVfioPci>(x: T): T;
}

function device(m: Machine, bdf: string): pci_dev {
  const pdev = m.devices.get(bdf);
  if (!pdev) throw new Error(`no device ${JSON.stringify(bdf)} on this host`);
  return pdev;
}

/** The sysfs view: writes are traced user calls, reads are not. */
function hostSysfs(m: Machine): Host["sysfs"] {
  return {
    write(path: string, value: string | number): number {
      const v = String(value);
      return m.tracer.call(
        "user",
        "write",
        { path, value: v },
        () => sysfsWrite(m, path, v),
        undefined,
        sysfsBdf(m, path, v),
      );
    },
    read(path: string): string | null | number {
      return sysfsRead(m, path);
    },
  };
}

/** The PF of a new VF: an existing PF, or a new one built from `o`. Throws on API misuse. */
function pfFor(m: Machine, bdf: string, o: VfOptions): pci_dev {
  const pfBdf = o.pf ?? `${bdf.slice(0, -1)}0`;
  if (!BDF_RE.test(pfBdf) || pfBdf === bdf)
    throw new TypeError(`bad PF address ${JSON.stringify(pfBdf)} for VF ${bdf}`);
  const pf = m.devices.get(pfBdf);
  if (pf?.is_virtfn) throw new Error(`${pfBdf} is a VF, not a PF`);
  if (pf) return pf;
  const total = o.vfTotalMsix ?? MSIX_MAX_TABLE_SIZE;
  if (!Number.isInteger(total) || total < 1)
    throw new RangeError(`vfTotalMsix must be a positive integer, got ${total}`);
  const cb = o.pfSupportsMsixCount ?? true;
  const created = createPf(m, pfBdf, createPfDriver(cb ? "mlx5_core" : "pci-pf-stub", cb), total);
  m.devices.set(pfBdf, created);
  return created;
}

/** The handle addVf() returns: bind and unbind through sysfs, the device's own Table Size change. */
function vfHandle(m: Machine, sysfs: Host["sysfs"], vf: pci_dev): Vf {
  const bdf = vf.dev.name;
  return {
    bdf,
    bind: (driver) => {
      if (driver !== "vfio-pci") throw new TypeError(`only 'vfio-pci' is modelled, got ${JSON.stringify(driver)}`);
      return sysfs.write(`/sys/bus/pci/drivers/${driver}/bind`, bdf);
    },
    unbind: () => sysfs.write(`/sys/bus/pci/devices/${bdf}/driver/unbind`, bdf),
    firmwareSetMsixCount: (n) => {
      if (!Number.isInteger(n) || n < 1 || n > MSIX_MAX_TABLE_SIZE)
        throw new RangeError(`Table Size must be an integer in 1..${MSIX_MAX_TABLE_SIZE}, got ${n}`);
      m.tracer.call("device", "firmware_set_msix_count", { count: n }, () => setTableSize(vf, n), undefined, bdf);
    },
  };
}

/** host.addVf(): checks the arguments (throwing on API misuse), creates the PF if needed, then the VF. */
function addVf(m: Machine, sysfs: Host["sysfs"], bdf: string, o: VfOptions): Vf {
  if (typeof bdf !== "string" || !BDF_RE.test(bdf))
    throw new TypeError(`malformed PCI address ${JSON.stringify(bdf)}; expected e.g. 0000:2e:00.1`);
  if (m.devices.has(bdf)) throw new Error(`device ${bdf} already exists`);
  const size = o?.msixTableSize;
  if (!Number.isInteger(size) || size < 1 || size > MSIX_MAX_TABLE_SIZE)
    throw new RangeError(`msixTableSize must be an integer in 1..${MSIX_MAX_TABLE_SIZE}, got ${size}`);
  const vf = createVf(m, bdf, size, pfFor(m, bdf, o));
  m.devices.set(bdf, vf);
  return vfHandle(m, sysfs, vf);
}

/** host.lspci(): the MSI-X capability line as `lspci -vv` prints it, read from config space. */
function lspci(m: Machine, bdf: string): string {
  const pdev = device(m, bdf);
  if (!pdev.msix_cap) throw new Error(`${bdf} has no MSI-X capability in the model`);
  const ctrl = pci_read_config_word(pdev, pdev.msix_cap + PCI_MSIX_FLAGS);
  const pm = (b: number) => (ctrl & b ? "+" : "-");
  const cap = pdev.msix_cap.toString(16);
  return `Capabilities: [${cap}] MSI-X: Enable${pm(PCI_MSIX_FLAGS_ENABLE)} Count=${msix_table_size(ctrl)} Masked${pm(PCI_MSIX_FLAGS_MASKALL)}`;
}

/** What the QEMU-like user may do on this host: open device fds, make and close eventfds, read config space. */
function qemuEnv(m: Machine): QemuEnv {
  const env: QemuEnv = {
    tracer: m.tracer,
    features: m.features.qemu,
    open: (b) => vfioOpen(m, b),
    eventfd: () => do_eventfd(m, 0, 0),
    closeEventfd: (fd) => void m.files.delete(fd),
    configRead: (b, off) => pci_read_config_word(device(m, b), off),
    msixCap: (b) => device(m, b).msix_cap,
  };
  return forkable(env, (clone) => qemuEnv(clone(m)));
}

/** Options of createHost(): the kernel, and the QEMU version and platform (default QEMU 10.1 on x86). */
export interface HostOptions {
  kernel: KernelProfile;
  qemu?: QemuVersion;
  platform?: Platform;
}

/**
 * createHost - a fresh, independent simulated machine running kernel `kernel`, with a QEMU of
 * version `qemu` (default 10.1) as its user, on `platform` (default x86).
 * @throws TypeError naming the valid values for an unknown kernel, QEMU version or platform
 */
export function createHost(opts: HostOptions): Host {
  const profile = resolveProfile(opts);
  const m = createMachine(profile);
  vfio_pci_init(m);
  return hostOver(m, []);
}

/** Each host's machine, for tests inside this repository (not exported by the public entry). */
const machines = new WeakMap<Host, Machine>();

/** The machine behind `host`, or undefined for an object createHost() did not make. */
export function machineOf(host: Host): Machine | undefined {
  return machines.get(host);
}

/** The Host object over machine `m`, whose QEMU users so far are `users`. */
function hostOver(m: Machine, users: QemuVfioPci[]): Host {
  const { profile } = m;
  m.tracer.snapshot = (bdf) => {
    const pdev = m.devices.get(bdf);
    return pdev ? snapshotDevice(pdev) : undefined;
  };
  const sysfs = hostSysfs(m);

  const host: Host = {
    kernel: profile.kernel,
    get profile() {
      return { ...profile };
    },
    addVf: (bdf, o) => addVf(m, sysfs, bdf, o),
    lspci: (bdf) => lspci(m, bdf),
    sysfs,
    vfio: { open: (bdf) => vfioOpen(m, bdf) },
    eventfd: () => do_eventfd(m, 0, 0),
    inspect: (bdf) => snapshotDevice(device(m, bdf)),
    get trace() {
      // A fresh array of frozen entries, so that a snippet cannot change the record (nor what is
      // drawn from it), and reading it in a loop stays cheap on a long trace.
      return m.tracer.view();
    },
    clearTrace: () => m.tracer.clear(),
    qemu: (bdf) => {
      const vm = new QemuVfioPci(qemuEnv(m), bdf);
      users.push(vm);
      return vm;
    },
    fork: () => forkHost(m, users),
  };
  machines.set(host, m);
  return host;
}

/** host.fork(): copies the machine and the QEMU users together (see fork.ts), then a Host over the copy. */
function forkHost(m: Machine, users: QemuVfioPci[]): HostFork {
  const clone = cloneGraph();
  const m2 = clone(m);
  const users2 = clone(users);
  const host = hostOver(m2, users2);
  return {
    host,
    counterpart: <T extends Vf | QemuVfioPci>(x: T): T => {
      if (x instanceof QemuVfioPci) {
        const i = users.indexOf(x);
        if (i < 0) throw new Error(`this QEMU user (${x.bdf}) was not started by the forked host`);
        return users2[i] as T;
      }
      const pdev = m2.devices.get(x.bdf);
      if (!pdev?.is_virtfn) throw new Error(`the forked host has no VF ${JSON.stringify(x.bdf)}`);
      return vfHandle(m2, host.sysfs, pdev) as T;
    },
  };
}
