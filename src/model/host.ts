/**
 * Scaffolding: createHost() and the Host object snippets use.
 */
import type { pci_dev } from "./include/pci";
import { PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE, PCI_MSIX_FLAGS_MASKALL, msix_table_size } from "./include/pci_regs";
import { pci_read_config_word } from "./drivers/pci/access";
import { createMachine, allocFd, type Machine } from "./machine";
import { BDF_RE, MSIX_MAX_TABLE_SIZE, createPf, createPfDriver, createVf, setTableSize } from "./pciDevice";
import { isKernelProfile, KERNEL_PROFILES, type KernelProfile } from "./profiles";
import { QemuVfioPci } from "./qemu/hw/vfio/pci";
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
  /** The kernel profile this host runs. */
  readonly kernel: KernelProfile;
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
  /** Every traced call so far, in call order: a fresh copy on every read. */
  readonly trace: TraceEntry[];
  clearTrace(): void;
  /** Start a QEMU-like user for `bdf` (realize: open the fd, read the Table Size, GET_IRQ_INFO). */
  qemu(bdf: string): QemuVfioPci;
}

/** A deep copy of plain data (arrays, objects, primitives), as trace entries and device states are. */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyPlain(v)])) as T;
}

function device(m: Machine, bdf: string): pci_dev {
  const pdev = m.devices.get(bdf);
  if (!pdev) throw new Error(`no device ${JSON.stringify(bdf)} on this host`);
  return pdev;
}

/**
 * createHost - a fresh, independent simulated machine running kernel profile `kernel`.
 * @throws TypeError naming the valid profiles for an unknown kernel
 */
export function createHost(opts: { kernel: KernelProfile }): Host {
  const kernel = opts?.kernel;
  if (!isKernelProfile(kernel)) {
    throw new TypeError(`unknown kernel ${JSON.stringify(kernel)}; valid profiles: ${KERNEL_PROFILES.join(", ")}`);
  }
  const m = createMachine(kernel);
  m.tracer.snapshot = (bdf) => {
    const pdev = m.devices.get(bdf);
    return pdev ? snapshotDevice(pdev) : undefined;
  };

  const sysfs = {
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

  const host: Host = {
    kernel,
    addVf(bdf, o) {
      if (typeof bdf !== "string" || !BDF_RE.test(bdf))
        throw new TypeError(`malformed PCI address ${JSON.stringify(bdf)}; expected e.g. 0000:2e:00.1`);
      if (m.devices.has(bdf)) throw new Error(`device ${bdf} already exists`);
      const size = o?.msixTableSize;
      if (!Number.isInteger(size) || size < 1 || size > MSIX_MAX_TABLE_SIZE)
        throw new RangeError(`msixTableSize must be an integer in 1..${MSIX_MAX_TABLE_SIZE}, got ${size}`);
      const pfBdf = o.pf ?? `${bdf.slice(0, -1)}0`;
      if (!BDF_RE.test(pfBdf) || pfBdf === bdf)
        throw new TypeError(`bad PF address ${JSON.stringify(pfBdf)} for VF ${bdf}`);
      let pf = m.devices.get(pfBdf);
      if (pf?.is_virtfn) throw new Error(`${pfBdf} is a VF, not a PF`);
      if (!pf) {
        const total = o.vfTotalMsix ?? MSIX_MAX_TABLE_SIZE;
        if (!Number.isInteger(total) || total < 1)
          throw new RangeError(`vfTotalMsix must be a positive integer, got ${total}`);
        const cb = o.pfSupportsMsixCount ?? true;
        pf = createPf(m, pfBdf, createPfDriver(cb ? "mlx5_core" : "pci-pf-stub", cb), total);
        m.devices.set(pfBdf, pf);
      }
      const vf = createVf(m, bdf, size, pf);
      m.devices.set(bdf, vf);
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
    },
    lspci(bdf) {
      const pdev = device(m, bdf);
      if (!pdev.msix_cap) throw new Error(`${bdf} has no MSI-X capability in the model`);
      const ctrl = pci_read_config_word(pdev, pdev.msix_cap + PCI_MSIX_FLAGS);
      const pm = (b: number) => (ctrl & b ? "+" : "-");
      const cap = pdev.msix_cap.toString(16);
      return `Capabilities: [${cap}] MSI-X: Enable${pm(PCI_MSIX_FLAGS_ENABLE)} Count=${msix_table_size(ctrl)} Masked${pm(PCI_MSIX_FLAGS_MASKALL)}`;
    },
    sysfs,
    vfio: { open: (bdf) => vfioOpen(m, bdf) },
    eventfd() {
      const fd = allocFd(m);
      m.files.set(fd, "eventfd");
      return fd;
    },
    inspect: (bdf) => snapshotDevice(device(m, bdf)),
    get trace() {
      // A copy, so that a snippet changing it cannot change the record (nor what is drawn from it).
      return copyPlain(m.tracer.entries);
    },
    clearTrace: () => m.tracer.clear(),
    qemu(bdf) {
      return new QemuVfioPci(
        {
          tracer: m.tracer,
          open: (b) => vfioOpen(m, b),
          eventfd: () => host.eventfd(),
          closeEventfd: (fd) => void m.files.delete(fd),
          configRead: (b, off) => pci_read_config_word(device(m, b), off),
          msixCap: (b) => device(m, b).msix_cap,
        },
        bdf,
      );
    },
  };
  return host;
}
