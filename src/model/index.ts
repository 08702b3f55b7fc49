/**
 * msi-lifecycle: a deterministic model of Linux MSI-X allocation for VFIO-assigned devices,
 * from config space through the MSI core, PCI/MSI and vfio-pci to a QEMU-like user.
 * Pure TypeScript (no DOM, no node:*): it runs unchanged in Node and in a Web Worker.
 *
 * @packageDocumentation
 */
import { DEFAULT_PROFILE, type KernelProfile } from "./profiles";

export type { KernelProfile, ProfileDescription, ProfileFeatures } from "./profiles";
/** Kernel profiles, their feature table and labels. */
export { describeProfile, KERNEL_PROFILES } from "./profiles";

/**
 * The kernel profile of the current snippet run; the docs runner and the page's profile switch
 * replace this binding. Snippets write `createHost({ kernel: KERNEL })`. Outside a run it is the
 * default profile, v6.5.
 */
export const KERNEL: KernelProfile = DEFAULT_PROFILE;

export type { Host, Vf, VfOptions } from "./host";
/** createHost() and the objects it hands out. */
export { createHost } from "./host";
/** Linux errno numbers and their names / glibc texts. */
export {
  EACCES,
  EBADF,
  EBUSY,
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
export { formatCall, formatEntry, formatRet, formatTrace, isFailure, retErrno } from "./trace";
/** The VFIO device fd object returned by `host.vfio.open()`. */
export type { VfioDeviceFd } from "./vfioFd";
