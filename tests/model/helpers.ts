import {
  createHost,
  irqSetArgsz,
  retErrno,
  type TraceEntry,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type VfioDeviceFd,
} from "msi-lifecycle";
import { bind_store } from "../../src/model/drivers/base/bus";
import { vfio_pci_driver } from "../../src/model/drivers/vfio/pci/vfio_pci";
import type { vfio_pci_core_device } from "../../src/model/drivers/vfio/pci/vfio_pci_core";
import type { pci_dev } from "../../src/model/include/pci";
import { createMachine, type Machine } from "../../src/model/machine";
import { createPf, createPfDriver, createVf, setTableSize } from "../../src/model/pciDevice";
import type { KernelProfile } from "../../src/model/profiles";

export const BDF = "0000:2e:00.1";

/** A machine with one VF (optionally bound to vfio-pci), for kernel-level tests. */
export function rig(
  kernel: KernelProfile,
  tableSize = 8,
  bound = true,
): { m: Machine; pdev: pci_dev; vdev: vfio_pci_core_device } {
  const m = createMachine(kernel);
  const pf = createPf(m, "0000:2e:00.0", createPfDriver("mlx5_core", true), 2048);
  const pdev = createVf(m, BDF, tableSize, pf);
  m.devices.set(pf.dev.name, pf);
  m.devices.set(BDF, pdev);
  if (bound) bind_store(m, vfio_pci_driver, BDF, BDF.length);
  return { m, pdev, vdev: pdev.dev.driver_data as vfio_pci_core_device };
}

export { setTableSize };

/** A host with one VF bound to vfio-pci. */
export function boundHost(kernel: KernelProfile, msixTableSize = 8) {
  const host = createHost({ kernel });
  const vf = host.addVf(BDF, { msixTableSize });
  expectZero(vf.bind("vfio-pci"));
  return { host, vf };
}

export function expectZero(n: number): void {
  if (n !== 0) throw new Error(`expected 0, got ${n}`);
}

/** SET_IRQS(EVENTFD|TRIGGER) on MSI-X. */
export function setIrqs(fd: VfioDeviceFd, start: number, data: number[]): number {
  return fd.ioctl(VFIO_DEVICE_SET_IRQS, {
    argsz: irqSetArgsz(data.length, "eventfd"),
    flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
    index: VFIO_PCI_MSIX_IRQ_INDEX,
    start,
    count: data.length,
    data,
  });
}

/** SET_IRQS(DATA_NONE|TRIGGER, count 0): disable MSI-X. */
export function disableIrqs(fd: VfioDeviceFd): number {
  return fd.ioctl(VFIO_DEVICE_SET_IRQS, {
    argsz: irqSetArgsz(0, "none"),
    flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
    index: VFIO_PCI_MSIX_IRQ_INDEX,
    start: 0,
    count: 0,
  });
}

export function openFd(host: ReturnType<typeof createHost>, bdf = BDF): VfioDeviceFd {
  const fd = host.vfio.open(bdf);
  if (typeof fd === "number") throw new Error(`open failed: ${fd}`);
  return fd;
}

export const rets = (trace: readonly TraceEntry[], fn: string) => trace.filter((e) => e.fn === fn).map((e) => e.ret);
export const hasErange = (trace: readonly TraceEntry[]) => trace.some((e) => retErrno(e.ret) === -34);
