/**
 * vfio-pci core: the device struct and its registration with the VFIO core, enable/disable and
 * close, the memory-enable bracket, and the GET_INFO / GET_IRQ_INFO / SET_IRQS ioctls with their
 * live-count checks. vfio-pci's own open_device is in vfio_pci.ts, as in the kernel.
 * @kernel drivers/vfio/pci/vfio_pci_core.c (source G71 = v7.1-rc4; has_dyn_msix since v6.5)
 */

import type { eventfd_ctx } from "../../../fs/eventfd";
import { EINVAL, ENOTTY } from "../../../include/errno";
import type { pci_dev } from "../../../include/pci";
import {
  PCI_COMMAND,
  PCI_COMMAND_MEMORY,
  PCI_MSIX_FLAGS,
  PCI_MSIX_FLAGS_QSIZE,
  PCI_MSIX_TABLE,
  PCI_MSIX_TABLE_BIR,
  PCI_MSIX_TABLE_OFFSET,
} from "../../../include/pci_regs";
import {
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
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_ERR_IRQ_INDEX,
  VFIO_PCI_INTX_IRQ_INDEX,
  VFIO_PCI_MSI_IRQ_INDEX,
  VFIO_PCI_MSIX_IRQ_INDEX,
  VFIO_PCI_NUM_IRQS,
  VFIO_PCI_NUM_REGIONS,
  VFIO_PCI_REQ_IRQ_INDEX,
  type vfio_irq_set,
} from "../../../include/uapi_vfio";
import type { vfio_device, vfio_device_ops } from "../../../include/vfio";
import { pci_read_config_dword, pci_read_config_word, pci_write_config_word } from "../../pci/access";
import { pci_msix_can_alloc_dyn } from "../../pci/msi/api";
import { vfio_register_group_dev, vfio_set_irqs_validate_and_prepare, vfio_unregister_group_dev } from "../vfio_main";
import { vfio_pci_set_irqs_ioctl } from "./vfio_pci_intrs_ioctl";

/** `struct vfio_pci_irq_ctx`, reduced. */
export interface vfio_pci_irq_ctx {
  trigger: eventfd_ctx;
  name: string;
}

/**
 * `struct vfio_pci_core_device`, reduced to the fields the story needs. The kernel embeds a
 * `struct vfio_device vdev`; here the core device extends it, so the VFIO core's device and
 * vfio-pci's are one object (container_of() is a cast).
 */
export interface vfio_pci_core_device extends vfio_device {
  pdev: pci_dev;
  /** VFIO_PCI_*_IRQ_INDEX of the active mode; VFIO_PCI_NUM_IRQS = none. */
  irq_type: number;
  /** Set on the first open from pci_msix_can_alloc_dyn() (v6.5+; absent, i.e. false, before). */
  has_dyn_msix: boolean;
  /** `vdev->ctx`: per-vector trigger contexts (an xarray in the kernel). */
  ctx: Map<number, vfio_pci_irq_ctx>;
  nointx: boolean;
  msix_bar: number;
  msix_offset: number;
  msix_size: number;
  err_trigger: eventfd_ctx | null;
  req_trigger: eventfd_ctx | null;
}

/**
 * vfio_pci_core_init_dev - a fresh device struct at probe time: `irq_type = VFIO_PCI_NUM_IRQS`.
 * The model folds the allocation (vfio_alloc_device() with the driver's `ops`) into this init op.
 * @kernel drivers/vfio/pci/vfio_pci_core.c
 */
export function vfio_pci_core_init_dev(pdev: pci_dev, ops: vfio_device_ops): vfio_pci_core_device {
  return {
    dev: pdev.dev,
    ops,
    open_count: 0,
    pdev,
    irq_type: VFIO_PCI_NUM_IRQS,
    has_dyn_msix: false,
    ctx: new Map(),
    nointx: false,
    msix_bar: 0xff,
    msix_offset: 0,
    msix_size: 0,
    err_trigger: null,
    req_trigger: null,
  };
}

/** vfio_pci_core_register_device - register with the VFIO core (user space can now open it). @kernel drivers/vfio/pci/vfio_pci_core.c */
export function vfio_pci_core_register_device(vdev: vfio_pci_core_device): number {
  return vfio_register_group_dev(vdev);
}

/** vfio_pci_core_unregister_device - unregister from the VFIO core. @kernel drivers/vfio/pci/vfio_pci_core.c */
export function vfio_pci_core_unregister_device(vdev: vfio_pci_core_device): void {
  vfio_unregister_group_dev(vdev);
}

/** vfio_pci_memory_lock_and_enable - take the memory lock, make sure Memory space is on; returns the old COMMAND. @kernel drivers/vfio/pci/vfio_pci_core.c */
export function vfio_pci_memory_lock_and_enable(vdev: vfio_pci_core_device): number {
  const pdev = vdev.pdev;
  return pdev.dev.machine.tracer.call("vfio", "vfio_pci_memory_lock_and_enable", {}, () => {
    const cmd = pci_read_config_word(pdev, PCI_COMMAND);
    if (!(cmd & PCI_COMMAND_MEMORY)) pci_write_config_word(pdev, PCI_COMMAND, cmd | PCI_COMMAND_MEMORY);
    return cmd;
  });
}

/** vfio_pci_memory_unlock_and_restore - restore COMMAND, drop the memory lock. @kernel drivers/vfio/pci/vfio_pci_core.c */
export function vfio_pci_memory_unlock_and_restore(vdev: vfio_pci_core_device, cmd: number): void {
  const pdev = vdev.pdev;
  pdev.dev.machine.tracer.call("vfio", "vfio_pci_memory_unlock_and_restore", { cmd }, () => {
    pci_write_config_word(pdev, PCI_COMMAND, cmd);
  });
}

/**
 * vfio_pci_core_enable - on the first open: read the MSI-X capability (msix_size from the
 * Table Size) and probe `has_dyn_msix = pci_msix_can_alloc_dyn(pdev)`. Allocates no vectors.
 * @kernel drivers/vfio/pci/vfio_pci_core.c (v6.5+: has_dyn_msix); G71
 */
export function vfio_pci_core_enable(vdev: vfio_pci_core_device): number {
  const pdev = vdev.pdev;
  const m = pdev.dev.machine;
  return m.tracer.call("vfio", "vfio_pci_core_enable", {}, () => {
    pci_write_config_word(pdev, PCI_COMMAND, pci_read_config_word(pdev, PCI_COMMAND) | PCI_COMMAND_MEMORY); // pci_enable_device()
    if (pdev.msix_cap) {
      const flags = pci_read_config_word(pdev, pdev.msix_cap + PCI_MSIX_FLAGS);
      const table = pci_read_config_dword(pdev, pdev.msix_cap + PCI_MSIX_TABLE);
      vdev.msix_bar = table & PCI_MSIX_TABLE_BIR;
      vdev.msix_offset = (table & PCI_MSIX_TABLE_OFFSET) >>> 0; // a u32, as the kernel's field is
      vdev.msix_size = ((flags & PCI_MSIX_FLAGS_QSIZE) + 1) * 16;
      vdev.has_dyn_msix = m.features.vfioDynMsix ? pci_msix_can_alloc_dyn(pdev) : false;
    } else {
      vdev.msix_bar = 0xff;
      vdev.has_dyn_msix = false;
    }
    return 0;
  });
}

/**
 * vfio_pci_core_disable - on last close: disable whatever IRQ mode is active with
 * `vfio_pci_set_irqs_ioctl(DATA_NONE | ACTION_TRIGGER, irq_type, 0, 0)` (its -ENOTTY for "none"
 * is ignored, as in the kernel), then reset/restore steps that do not touch MSI state.
 * @kernel drivers/vfio/pci/vfio_pci_core.c; G71
 */
export function vfio_pci_core_disable(vdev: vfio_pci_core_device): void {
  const pdev = vdev.pdev;
  pdev.dev.machine.tracer.call("vfio", "vfio_pci_core_disable", {}, () => {
    vfio_pci_set_irqs_ioctl(vdev, VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER, vdev.irq_type, 0, 0, null);
    pci_write_config_word(pdev, PCI_COMMAND, pci_read_config_word(pdev, PCI_COMMAND) & ~PCI_COMMAND_MEMORY); // pci_disable_device()
  });
}

/** vfio_pci_core_close_device - ops->close_device: disable, then drop the ERR/REQ eventfds. @kernel drivers/vfio/pci/vfio_pci_core.c; G71 */
export function vfio_pci_core_close_device(core_vdev: vfio_device): void {
  const vdev = core_vdev as vfio_pci_core_device; // container_of(core_vdev, struct vfio_pci_core_device, vdev)
  vdev.pdev.dev.machine.tracer.call("vfio", "vfio_pci_core_close_device", {}, () => {
    vfio_pci_core_disable(vdev);
    vdev.err_trigger = null;
    vdev.req_trigger = null;
  });
}

/**
 * vfio_pci_get_irq_count - the LIVE vector count of an IRQ index, read from config space at call
 * time: MSI-X `(flags & QSIZE) + 1`; INTx 0 for a VF; MSI 0 without an MSI capability.
 * @kernel drivers/vfio/pci/vfio_pci_core.c; G71
 */
export function vfio_pci_get_irq_count(vdev: vfio_pci_core_device, irq_type: number): number {
  const pdev = vdev.pdev;
  return pdev.dev.machine.tracer.call("vfio", "vfio_pci_get_irq_count", { irq_type }, () => {
    if (irq_type === VFIO_PCI_INTX_IRQ_INDEX) return 0; // vdev->nointx || pdev->is_virtfn (no pin otherwise modelled)
    if (irq_type === VFIO_PCI_MSI_IRQ_INDEX) return 0; // no MSI capability on the modelled VFs
    if (irq_type === VFIO_PCI_MSIX_IRQ_INDEX) {
      if (!pdev.msix_cap) return 0;
      return (pci_read_config_word(pdev, pdev.msix_cap + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_QSIZE) + 1;
    }
    if (irq_type === VFIO_PCI_ERR_IRQ_INDEX) return 1; // pci_is_pcie()
    if (irq_type === VFIO_PCI_REQ_IRQ_INDEX) return 1;
    return 0;
  });
}

/* IOCTL support */

/** A JS object standing for user memory: a field is readable if it is a u32. */
type UserArg = Record<string, unknown>;
function u32(arg: UserArg, k: string): number | null {
  const v = arg[k];
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xffffffff ? v : null;
}

/** vfio_pci_ioctl_get_info - flags (PCI|RESET), regions and IRQ indices. @kernel drivers/vfio/pci/vfio_pci_core.c */
export function vfio_pci_ioctl_get_info(vdev: vfio_pci_core_device, arg: UserArg): number {
  return vdev.pdev.dev.machine.tracer.call("vfio", "vfio_pci_ioctl_get_info", {}, () => {
    const argsz = u32(arg, "argsz");
    if (argsz === null || argsz < VFIO_DEVICE_INFO_MINSZ) return -EINVAL;
    arg.flags = VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_RESET;
    arg.num_regions = VFIO_PCI_NUM_REGIONS;
    arg.num_irqs = VFIO_PCI_NUM_IRQS;
    return 0;
  });
}

/**
 * vfio_pci_ioctl_get_irq_info - count from vfio_pci_get_irq_count() (live); NORESIZE unless
 * MSI-X with has_dyn_msix. argsz < 16 or a bad index → -EINVAL.
 * @kernel drivers/vfio/pci/vfio_pci_core.c (v6.5: "Clear VFIO_IRQ_INFO_NORESIZE for MSI-X"); G71
 */
export function vfio_pci_ioctl_get_irq_info(vdev: vfio_pci_core_device, arg: UserArg): number {
  return vdev.pdev.dev.machine.tracer.call("vfio", "vfio_pci_ioctl_get_irq_info", {}, () => {
    const argsz = u32(arg, "argsz");
    const index = u32(arg, "index");
    if (argsz === null || index === null || argsz < VFIO_IRQ_INFO_SIZE) return -EINVAL;
    if (index >= VFIO_PCI_NUM_IRQS) return -EINVAL;
    let flags = VFIO_IRQ_INFO_EVENTFD;
    const count = vfio_pci_get_irq_count(vdev, index);
    if (index === VFIO_PCI_INTX_IRQ_INDEX) flags |= VFIO_IRQ_INFO_MASKABLE | VFIO_IRQ_INFO_AUTOMASKED;
    else if (index !== VFIO_PCI_MSIX_IRQ_INDEX || !vdev.has_dyn_msix) flags |= VFIO_IRQ_INFO_NORESIZE;
    arg.flags = flags; // copy_to_user(arg, &info, minsz)
    arg.count = count;
    const t = vdev.pdev.dev.machine.tracer;
    t.arg("count", count);
    t.arg("noresize", !!(flags & VFIO_IRQ_INFO_NORESIZE));
    return 0;
  });
}

/**
 * vfio_pci_ioctl_set_irqs - validate against the LIVE count (vfio_set_irqs_validate_and_prepare),
 * copy the data, then vfio_pci_set_irqs_ioctl() under igate. The model also rejects a `data`
 * array whose length is not `count` (-EINVAL): it stands for the count*size bytes copied.
 * @kernel drivers/vfio/pci/vfio_pci_core.c; G71
 */
export function vfio_pci_ioctl_set_irqs(vdev: vfio_pci_core_device, arg: UserArg): number {
  return vdev.pdev.dev.machine.tracer.call("vfio", "vfio_pci_ioctl_set_irqs", {}, () => {
    const fields = ["argsz", "flags", "index", "start", "count"].map((k) => u32(arg, k));
    if (fields.some((v) => v === null)) return -EINVAL; // copy_from_user() of an unreadable header
    const [argsz, flags, index, start, count] = fields as number[];
    const hdr: vfio_irq_set = { argsz: argsz!, flags: flags!, index: index!, start: start!, count: count! };
    const max = vfio_pci_get_irq_count(vdev, hdr.index);
    const data_size = { value: 0 };
    const ret = vfio_set_irqs_validate_and_prepare(hdr, max, VFIO_PCI_NUM_IRQS, data_size);
    if (ret) return ret;
    let data: number[] | boolean[] | null = null;
    if (data_size.value) {
      const d = arg.data;
      if (!Array.isArray(d) || d.length !== hdr.count) return -EINVAL;
      const isFd = data_size.value === hdr.count * 4;
      if (!d.every((x) => (isFd ? Number.isInteger(x) : typeof x === "boolean" || x === 0 || x === 1))) return -EINVAL;
      data = isFd ? (d as number[]).slice() : (d as (boolean | number)[]).map(Boolean);
    }
    return vfio_pci_set_irqs_ioctl(vdev, hdr.flags, hdr.index, hdr.start, hdr.count, data);
  });
}

/** vfio_pci_core_ioctl - ops->ioctl: dispatch by request; unknown → -ENOTTY. @kernel drivers/vfio/pci/vfio_pci_core.c */
export function vfio_pci_core_ioctl(core_vdev: vfio_device, cmd: number, arg: UserArg): number {
  const vdev = core_vdev as vfio_pci_core_device; // container_of(core_vdev, struct vfio_pci_core_device, vdev)
  switch (cmd) {
    case VFIO_DEVICE_GET_INFO:
      return vfio_pci_ioctl_get_info(vdev, arg);
    case VFIO_DEVICE_GET_IRQ_INFO:
      return vfio_pci_ioctl_get_irq_info(vdev, arg);
    case VFIO_DEVICE_SET_IRQS:
      return vfio_pci_ioctl_set_irqs(vdev, arg);
    default:
      return -ENOTTY;
  }
}
