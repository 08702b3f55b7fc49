/**
 * msi-lifecycle: a deterministic model of Linux MSI-X allocation for VFIO-assigned devices,
 * from config space through the MSI core, PCI/MSI and vfio-pci to a QEMU-like user.
 * Pure TypeScript (no DOM, no node:*): it runs unchanged in Node and in a Web Worker.
 *
 * @packageDocumentation
 */
import {
  DEFAULT_PLATFORM,
  DEFAULT_PROFILE,
  DEFAULT_QEMU,
  type KernelProfile,
  type Platform,
  type QemuVersion,
} from "./profiles";

export { allProfileNames, parseProfileName, profileName } from "./profile-name";
export type {
  HostProfile,
  KernelProfile,
  Platform,
  ProfileDescription,
  ProfileFeatures,
  QemuFeatures,
  QemuVersion,
} from "./profiles";
/** Profiles: the kernels, QEMU versions and platforms, their feature table, labels and names. */
export { describePlatform, describeProfile, describeQemu, KERNEL_PROFILES, PLATFORMS, QEMU_VERSIONS } from "./profiles";

/**
 * The kernel of the current snippet run; the docs runner and the page's profile switch replace
 * this binding (and QEMU and PLATFORM below). Snippets write `createHost({ kernel: KERNEL })`, or
 * `createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM })` when they run on several QEMU
 * versions or platforms. Outside a run it is the default kernel, v6.5.
 */
export const KERNEL: KernelProfile = DEFAULT_PROFILE;
/** The QEMU version of the current snippet run; outside a run 10.1. */
export const QEMU: QemuVersion = DEFAULT_QEMU;
/** The platform of the current snippet run; outside a run x86. */
export const PLATFORM: Platform = DEFAULT_PLATFORM;

export type { Host, HostFork, HostOptions, Vf, VfOptions } from "./host";
/** createHost() and the objects it hands out. */
export { createHost } from "./host";
/** Linux errno numbers and their names / glibc texts. */
export {
  EACCES,
  EBADF,
  EBUSY,
  EFAULT,
  EINVAL,
  ENODEV,
  ENOENT,
  ENOMEM,
  ENOSPC,
  ENOTSUPP,
  ENOTTY,
  EOPNOTSUPP,
  EPERM,
  ERANGE,
  errnoName,
  strerror,
} from "./include/errno";
/** MSI core constants (include/linux/msi.h, msi_api.h). */
export { MSI_ANY_INDEX, MSI_DEFAULT_DOMAIN, MSI_MAX_INDEX, MSI_XA_DOMAIN_SIZE } from "./include/msi";
/** MSI-X Message Control bits (include/uapi/linux/pci_regs.h). */
export {
  PCI_MSIX_FLAGS,
  PCI_MSIX_FLAGS_ENABLE,
  PCI_MSIX_FLAGS_MASKALL,
  PCI_MSIX_FLAGS_QSIZE,
} from "./include/pci_regs";
export type { vfio_device_info, vfio_irq_info, vfio_irq_set } from "./include/uapi_vfio";
/** The VFIO UAPI (include/uapi/linux/vfio.h) and the argsz helper. */
export {
  _IO,
  irqSetArgsz,
  VFIO_BASE,
  VFIO_DEVICE_FLAGS_PCI,
  VFIO_DEVICE_FLAGS_RESET,
  VFIO_DEVICE_GET_INFO,
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_DEVICE_INFO_MINSZ,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_INFO_AUTOMASKED,
  VFIO_IRQ_INFO_EVENTFD,
  VFIO_IRQ_INFO_MASKABLE,
  VFIO_IRQ_INFO_NORESIZE,
  VFIO_IRQ_INFO_SIZE,
  VFIO_IRQ_SET_ACTION_MASK,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_ACTION_TYPE_MASK,
  VFIO_IRQ_SET_ACTION_UNMASK,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_IRQ_SET_DATA_TYPE_MASK,
  VFIO_IRQ_SET_HDR_SIZE,
  VFIO_PCI_ERR_IRQ_INDEX,
  VFIO_PCI_INTX_IRQ_INDEX,
  VFIO_PCI_MSI_IRQ_INDEX,
  VFIO_PCI_MSIX_IRQ_INDEX,
  VFIO_PCI_NUM_IRQS,
  VFIO_PCI_REQ_IRQ_INDEX,
  VFIO_TYPE,
} from "./include/uapi_vfio";
/** The QEMU-like user returned by `host.qemu()`. */
export { QemuVfioPci } from "./qemu/hw/vfio/pci";
/** Device snapshots, as `host.inspect()` and depth-0 trace entries carry them. */
export type { DeviceState } from "./state";
export type { FormatTraceOptions, Layer, MsiMapRet, TraceArgs, TraceEntry, TraceRet } from "./trace";
/** The trace: entry type and the text formatter snippets print. */
export { entryErrno, formatCall, formatEntry, formatRet, formatTrace, isFailure, retErrno } from "./trace";
/** The VFIO device fd object returned by `host.vfio.open()`. */
export type { VfioDeviceFd } from "./vfioFd";
