/**
 * The VFIO user-space ABI the model speaks: ioctl numbers, IRQ indices, flags and the
 * argument structs with their `argsz` sizes.
 * @kernel include/uapi/linux/vfio.h
 */

/** ioctl type of VFIO, `';'`. */
export const VFIO_TYPE = ";".charCodeAt(0);
/** First ioctl number of VFIO. */
export const VFIO_BASE = 100;

/** `_IO(type, nr)` from include/uapi/asm-generic/ioctl.h (no direction, no size). */
export function _IO(type: number, nr: number): number {
  return (type << 8) | nr;
}

/** VFIO_DEVICE_GET_INFO = `_IO(VFIO_TYPE, VFIO_BASE + 7)` = 0x3b6b. */
export const VFIO_DEVICE_GET_INFO = _IO(VFIO_TYPE, VFIO_BASE + 7);
/** VFIO_DEVICE_GET_IRQ_INFO = `_IO(VFIO_TYPE, VFIO_BASE + 9)` = 0x3b6d. */
export const VFIO_DEVICE_GET_IRQ_INFO = _IO(VFIO_TYPE, VFIO_BASE + 9);
/** VFIO_DEVICE_SET_IRQS = `_IO(VFIO_TYPE, VFIO_BASE + 10)` = 0x3b6e. */
export const VFIO_DEVICE_SET_IRQS = _IO(VFIO_TYPE, VFIO_BASE + 10);

/** VFIO_DEVICE_GET_INFO `flags`: the device supports reset. */
export const VFIO_DEVICE_FLAGS_RESET = 1 << 0;
/** VFIO_DEVICE_GET_INFO `flags`: a vfio-pci device. */
export const VFIO_DEVICE_FLAGS_PCI = 1 << 1;
/** Fixed vfio-pci regions: BAR0-5, ROM, config, VGA. */
export const VFIO_PCI_NUM_REGIONS = 9;

/** vfio-pci IRQ index of legacy INTx. */
export const VFIO_PCI_INTX_IRQ_INDEX = 0;
/** vfio-pci IRQ index of MSI. */
export const VFIO_PCI_MSI_IRQ_INDEX = 1;
/** vfio-pci IRQ index of MSI-X. */
export const VFIO_PCI_MSIX_IRQ_INDEX = 2;
/** vfio-pci IRQ index of the AER error notifier. */
export const VFIO_PCI_ERR_IRQ_INDEX = 3;
/** vfio-pci IRQ index of the device-request notifier. */
export const VFIO_PCI_REQ_IRQ_INDEX = 4;
/** Number of vfio-pci IRQ indices; also `irq_type` meaning "none". */
export const VFIO_PCI_NUM_IRQS = 5;

/** vfio_irq_info `flags`: signalled through an eventfd. */
export const VFIO_IRQ_INFO_EVENTFD = 1 << 0;
/** vfio_irq_info `flags`: can be masked. */
export const VFIO_IRQ_INFO_MASKABLE = 1 << 1;
/** vfio_irq_info `flags`: masked automatically on trigger. */
export const VFIO_IRQ_INFO_AUTOMASKED = 1 << 2;
/** vfio_irq_info `flags`: the vector count cannot grow while enabled (disable, then re-enable). */
export const VFIO_IRQ_INFO_NORESIZE = 1 << 3;

/** vfio_irq_set `flags`: no data. */
export const VFIO_IRQ_SET_DATA_NONE = 1 << 0;
/** vfio_irq_set `flags`: `data` is a u8 (boolean) array. */
export const VFIO_IRQ_SET_DATA_BOOL = 1 << 1;
/** vfio_irq_set `flags`: `data` is an s32 eventfd array (-1 = none). */
export const VFIO_IRQ_SET_DATA_EVENTFD = 1 << 2;
/** vfio_irq_set `flags`: mask. */
export const VFIO_IRQ_SET_ACTION_MASK = 1 << 3;
/** vfio_irq_set `flags`: unmask. */
export const VFIO_IRQ_SET_ACTION_UNMASK = 1 << 4;
/** vfio_irq_set `flags`: trigger (set up or tear down signalling). */
export const VFIO_IRQ_SET_ACTION_TRIGGER = 1 << 5;
/** All DATA_ bits. */
export const VFIO_IRQ_SET_DATA_TYPE_MASK = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_DATA_EVENTFD;
/** All ACTION_ bits. */
export const VFIO_IRQ_SET_ACTION_TYPE_MASK =
  VFIO_IRQ_SET_ACTION_MASK | VFIO_IRQ_SET_ACTION_UNMASK | VFIO_IRQ_SET_ACTION_TRIGGER;

/** `struct vfio_device_info` (argsz, flags, num_regions, num_irqs: minsz 16 bytes). */
export interface vfio_device_info {
  argsz: number;
  flags?: number;
  num_regions?: number;
  num_irqs?: number;
}

/** `struct vfio_irq_info`: argsz, flags, index, count, four u32 = 16 bytes. */
export interface vfio_irq_info {
  argsz: number;
  flags?: number;
  index: number;
  count?: number;
}

/** `struct vfio_irq_set`: a 20-byte header (argsz, flags, index, start, count) then `data`. */
export interface vfio_irq_set {
  argsz: number;
  flags: number;
  index: number;
  start: number;
  count: number;
  /** eventfds (s32, -1 = none) for DATA_EVENTFD, booleans (u8) for DATA_BOOL. */
  data?: number[] | boolean[];
}

/** `sizeof(struct vfio_device_info)` up to `num_irqs` (the kernel's minsz). */
export const VFIO_DEVICE_INFO_MINSZ = 16;
/** `sizeof(struct vfio_irq_info)`, the kernel's minsz for GET_IRQ_INFO. */
export const VFIO_IRQ_INFO_SIZE = 16;
/** `offsetofend(struct vfio_irq_set, count)`, the kernel's minsz for SET_IRQS. */
export const VFIO_IRQ_SET_HDR_SIZE = 20;

/**
 * irqSetArgsz - the honest `argsz` of a VFIO_DEVICE_SET_IRQS argument.
 * @param count - number of vectors in the call
 * @param data - the DATA_ type: 4 bytes per eventfd (s32), 1 byte per bool (u8), none
 * @returns 20 + count * size, what QEMU computes as `sizeof(*irq_set) + count * sizeof(*fds)`
 */
export function irqSetArgsz(count: number, data: "eventfd" | "bool" | "none"): number {
  const size = data === "eventfd" ? 4 : data === "bool" ? 1 : 0;
  return VFIO_IRQ_SET_HDR_SIZE + count * size;
}

/** Readable form of vfio_irq_set `flags`, e.g. `'DATA_EVENTFD|ACTION_TRIGGER'` (for traces). */
export function irqSetFlagsName(flags: number): string {
  const names: string[] = [];
  let rest = flags >>> 0;
  for (const [bit, name] of IRQ_SET_BITS) {
    if (rest & bit) {
      names.push(name);
      rest &= ~bit;
    }
  }
  if (rest) names.push(`0x${rest.toString(16)}`);
  return names.length ? names.join("|") : "0";
}

const IRQ_SET_BITS: readonly (readonly [number, string])[] = [
  [VFIO_IRQ_SET_DATA_NONE, "DATA_NONE"],
  [VFIO_IRQ_SET_DATA_BOOL, "DATA_BOOL"],
  [VFIO_IRQ_SET_DATA_EVENTFD, "DATA_EVENTFD"],
  [VFIO_IRQ_SET_ACTION_MASK, "ACTION_MASK"],
  [VFIO_IRQ_SET_ACTION_UNMASK, "ACTION_UNMASK"],
  [VFIO_IRQ_SET_ACTION_TRIGGER, "ACTION_TRIGGER"],
];

/** Name of an ioctl request number, for traces. */
export function ioctlName(request: number): string {
  if (request === VFIO_DEVICE_GET_INFO) return "VFIO_DEVICE_GET_INFO";
  if (request === VFIO_DEVICE_GET_IRQ_INFO) return "VFIO_DEVICE_GET_IRQ_INFO";
  if (request === VFIO_DEVICE_SET_IRQS) return "VFIO_DEVICE_SET_IRQS";
  return `0x${(request >>> 0).toString(16)}`;
}
