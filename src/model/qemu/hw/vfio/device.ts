/**
 * QEMU's VFIO device helpers the vfio-pci device model calls: disable an IRQ index, point one
 * vector at an eventfd, and error_report(). Each returns the kernel's -errno to the model (so the
 * model can tell what failed) while its trace entry records what QEMU's function returns in the
 * version being modelled (see `QemuFeatures` in profiles.ts).
 * @kernel hw/vfio/device.c (QEMU 10.1, source QD; hw/vfio/helpers.c in 8.2, hw/vfio/common.c in 8.1)
 */
import { strerror } from "../../../include/errno";
import {
  irqSetArgsz,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  type vfio_irq_set,
} from "../../../include/uapi_vfio";
import type { QemuFeatures } from "../../../profiles";
import type { Tracer } from "../../../trace";
import type { VfioDeviceFd } from "../../../vfioFd";

/** What the QEMU model needs from its host. */
export interface QemuEnv {
  tracer: Tracer;
  /** The QEMU version's behaviour switches. */
  features: QemuFeatures;
  open(bdf: string): VfioDeviceFd | number;
  eventfd(): number;
  closeEventfd(fd: number): void;
  /**
   * A read of the VFIO config region. For the MSI-X Message Control word it is the hardware's:
   * vfio-pci's cap_perms[PCI_CAP_ID_MSIX] reads through vfio_direct_config_read(), which only
   * replaces the capability ID and next-pointer bytes (drivers/vfio/pci/vfio_pci_config.c).
   */
  configRead(bdf: string, offset: number): number;
  msixCap(bdf: string): number;
}

/** `VFIODevice`, reduced: the device fd, its name, and QEMU's error log. */
export interface VFIODevice {
  env: QemuEnv;
  name: string;
  fd: VfioDeviceFd | null;
  /** The errno of a failed open (every later call returns it). */
  openErr: number;
  /** error_report() lines, in order. */
  log: string[];
}

/** SET_IRQS on the device fd: the kernel's 0, count or -errno (io_ops->set_irqs in 10.1, ioctl() before). */
export function setIrqs(vbasedev: VFIODevice, irq_set: vfio_irq_set & { data?: number[] }): number {
  if (!vbasedev.fd) return vbasedev.openErr;
  return vbasedev.fd.ioctl(VFIO_DEVICE_SET_IRQS, irq_set);
}

/** SET_IRQS(DATA_EVENTFD|ACTION_TRIGGER) on `index` from `start`, one eventfd (or -1) per vector of `fds`. */
export function setEventfds(vbasedev: VFIODevice, index: number, start: number, fds: number[]): number {
  const flags = VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER;
  return setIrqs(vbasedev, {
    argsz: irqSetArgsz(fds.length, "eventfd"),
    flags,
    index,
    start,
    count: fds.length,
    data: fds,
  });
}

/** What a QEMU helper of this version returns for the kernel's `ret`: -errno from 10.1, ioctl()'s -1 before. */
export function qemuRet(env: QemuEnv, ret: number): number {
  return env.features.strerrorMessages || ret >= 0 ? ret : -1;
}

/** An error text the way this QEMU prints `ret`: strerror(-ret) from 10.1, "%d" (so -1) before. */
export function retText(env: QemuEnv, ret: number): string {
  return env.features.strerrorMessages ? strerror(ret) : String(qemuRet(env, ret));
}

/**
 * error_report - print one error line to stderr (the model keeps it in `log` and the trace).
 * @kernel util/qemu-error.c (QEMU)
 */
export function error_report(vbasedev: VFIODevice, msg: string): void {
  vbasedev.env.tracer.call(
    "user",
    "error_report",
    { msg },
    () => void vbasedev.log.push(msg),
    undefined,
    vbasedev.name,
  );
}

/**
 * vfio_disable_irqindex / vfio_device_irq_disable - SET_IRQS(DATA_NONE|ACTION_TRIGGER, start 0,
 * count 0) on `index`. A void function: QEMU ignores the result (the model returns it).
 * @kernel hw/vfio/device.c (renamed vfio_device_irq_disable() for QEMU 10.1)
 */
export function vfio_device_irq_disable(vbasedev: VFIODevice, index: number): number {
  const fn = vbasedev.env.features.deviceIrqNames ? "vfio_device_irq_disable" : "vfio_disable_irqindex";
  return vbasedev.env.tracer.call(
    "user",
    fn,
    { index },
    () =>
      setIrqs(vbasedev, {
        argsz: irqSetArgsz(0, "none"),
        flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
        index,
        start: 0,
        count: 0,
      }),
    () => null,
  );
}

/**
 * vfio_set_irq_signaling / vfio_device_irq_set_signaling - a one-vector SET_IRQS(start =
 * subindex, count 1, fd). On failure the caller reports "Failed to set up TRIGGER eventfd
 * signaling for interrupt MSIX-<n>: VFIO_DEVICE_SET_IRQS failure: <strerror>" (error_setg_errno
 * and two error_prepend()s, printed with VFIO_MSG_PREFIX). Returns -errno in 8.x, a bool in 10.1.
 * @kernel hw/vfio/device.c (renamed vfio_device_irq_set_signaling() for QEMU 10.1)
 */
export function vfio_device_irq_set_signaling(
  vbasedev: VFIODevice,
  index: number,
  subindex: number,
  fd: number,
): number {
  const env = vbasedev.env;
  const fn = env.features.deviceIrqNames ? "vfio_device_irq_set_signaling" : "vfio_set_irq_signaling";
  return env.tracer.call(
    "user",
    fn,
    { index, subindex, fd },
    () => setEventfds(vbasedev, index, subindex, [fd]),
    (ret) => (env.features.deviceIrqNames ? ret === 0 : Math.min(ret, 0)),
  );
}

/** error_reportf_err(err, VFIO_MSG_PREFIX, name) for a failed vfio_set_irq_signaling() on MSI-X vector `nr`. */
export function reportSignalingError(vbasedev: VFIODevice, nr: number, fd: number, ret: number): void {
  const what = `Failed to ${fd < 0 ? "tear down" : "set up"} TRIGGER eventfd signaling for interrupt MSIX-${nr}`;
  error_report(vbasedev, `vfio ${vbasedev.name}: ${what}: VFIO_DEVICE_SET_IRQS failure: ${strerror(ret)}`);
}
