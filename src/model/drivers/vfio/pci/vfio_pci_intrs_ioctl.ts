/**
 * vfio-pci interrupts, the "IOCTL support" part: which handler a VFIO_DEVICE_SET_IRQS request
 * reaches (MSI/MSI-X trigger policy, the single ERR and REQ eventfds). The model splits
 * drivers/vfio/pci/vfio_pci_intrs.c in two files: the MSI/MSI-X machinery the handlers call is in
 * vfio_pci_intrs.ts. Both cite the one kernel file.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c (v6.5 through v6.17.8, source G617)
 */

import { eventfd_ctx_fdget } from "../../../fs/eventfd";
import { EINVAL, ENOTTY } from "../../../include/errno";
import {
  irqSetFlagsName,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_ACTION_TYPE_MASK,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_ERR_IRQ_INDEX,
  VFIO_PCI_MSI_IRQ_INDEX,
  VFIO_PCI_MSIX_IRQ_INDEX,
  VFIO_PCI_REQ_IRQ_INDEX,
} from "../../../include/uapi_vfio";
import type { vfio_pci_core_device } from "./vfio_pci_core";
import { irq_is, is_irq_none, vfio_msi_disable, vfio_msi_enable, vfio_msi_set_block } from "./vfio_pci_intrs";

/** The `data` of a SET_IRQS request after copy_from_user(): eventfds, bools, or none. */
type IrqSetData = number[] | boolean[] | null;

/* ERR/REQ */

/**
 * vfio_pci_set_ctx_trigger_single - set, clear or signal the single ERR or REQ eventfd.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c; G617
 */
export function vfio_pci_set_ctx_trigger_single(
  vdev: vfio_pci_core_device,
  slot: "err_trigger" | "req_trigger",
  count: number,
  flags: number,
  data: IrqSetData,
): number {
  if (flags & VFIO_IRQ_SET_DATA_NONE) {
    if (vdev[slot]) {
      if (!count) vdev[slot] = null; // eventfd_ctx_put(); a count signals (loopback)
      return 0;
    }
  } else if (flags & VFIO_IRQ_SET_DATA_BOOL) {
    return count ? 0 : -EINVAL;
  } else if (flags & VFIO_IRQ_SET_DATA_EVENTFD) {
    if (!count) return -EINVAL;
    const fd = Number((data as number[] | null)?.[0] ?? -1);
    if (fd === -1) vdev[slot] = null;
    else if (fd >= 0) {
      const ctx = eventfd_ctx_fdget(vdev.pdev.dev.machine, fd);
      if (typeof ctx === "number") return ctx;
      vdev[slot] = ctx;
    }
    return 0;
  }
  return -EINVAL;
}

/**
 * vfio_pci_set_err_trigger - the AER error eventfd: index ERR, start 0, at most one.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c; G617
 */
export function vfio_pci_set_err_trigger(
  vdev: vfio_pci_core_device,
  index: number,
  start: number,
  count: number,
  flags: number,
  data: IrqSetData,
): number {
  if (index !== VFIO_PCI_ERR_IRQ_INDEX || start !== 0 || count > 1) return -EINVAL;
  return vfio_pci_set_ctx_trigger_single(vdev, "err_trigger", count, flags, data);
}

/**
 * vfio_pci_set_req_trigger - the device-request eventfd: index REQ, start 0, at most one.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c; G617
 */
export function vfio_pci_set_req_trigger(
  vdev: vfio_pci_core_device,
  index: number,
  start: number,
  count: number,
  flags: number,
  data: IrqSetData,
): number {
  if (index !== VFIO_PCI_REQ_IRQ_INDEX || start !== 0 || count > 1) return -EINVAL;
  return vfio_pci_set_ctx_trigger_single(vdev, "req_trigger", count, flags, data);
}

/* MSI/MSI-X */

/**
 * vfio_pci_set_msi_trigger - the policy: count 0 + DATA_NONE disables; same mode adds vectors
 * (vfio_msi_set_block); no mode enables `start + count` first and disables again if the block
 * fails; DATA_NONE/BOOL with a count signal existing triggers (loopback).
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c; G617
 */
export function vfio_pci_set_msi_trigger(
  vdev: vfio_pci_core_device,
  index: number,
  start: number,
  count: number,
  flags: number,
  data: IrqSetData,
): number {
  return vdev.pdev.dev.machine.tracer.call("vfio", "vfio_pci_set_msi_trigger", { index, start, count }, () => {
    const msix = index === VFIO_PCI_MSIX_IRQ_INDEX;
    if (irq_is(vdev, index) && !count && flags & VFIO_IRQ_SET_DATA_NONE) {
      vfio_msi_disable(vdev, msix);
      return 0;
    }
    if (!(irq_is(vdev, index) || is_irq_none(vdev))) return -EINVAL;
    if (flags & VFIO_IRQ_SET_DATA_EVENTFD) {
      const fds = data as number[] | null;
      if (vdev.irq_type === index) return vfio_msi_set_block(vdev, start, count, fds, msix);
      let ret = vfio_msi_enable(vdev, start + count, msix);
      if (ret) return ret;
      ret = vfio_msi_set_block(vdev, start, count, fds, msix);
      if (ret) vfio_msi_disable(vdev, msix);
      return ret;
    }
    if (!irq_is(vdev, index)) return -EINVAL;
    // DATA_NONE / DATA_BOOL: eventfd_signal() on existing triggers; nothing to model.
    return 0;
  });
}

/**
 * vfio_pci_set_irqs_ioctl - pick the handler for (index, action); -ENOTTY when none fits.
 * INTx is not modelled (the VFs here report an INTx count of 0, so SET_IRQS never gets here).
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c; G617
 */
export function vfio_pci_set_irqs_ioctl(
  vdev: vfio_pci_core_device,
  flags: number,
  index: number,
  start: number,
  count: number,
  data: IrqSetData,
): number {
  return vdev.pdev.dev.machine.tracer.call(
    "vfio",
    "vfio_pci_set_irqs_ioctl",
    { flags: irqSetFlagsName(flags), index, start, count },
    () => {
      const action = flags & VFIO_IRQ_SET_ACTION_TYPE_MASK;
      switch (index) {
        case VFIO_PCI_MSI_IRQ_INDEX:
        case VFIO_PCI_MSIX_IRQ_INDEX:
          // MASK/UNMASK: "XXX Need masking support exported"
          if (action === VFIO_IRQ_SET_ACTION_TRIGGER)
            return vfio_pci_set_msi_trigger(vdev, index, start, count, flags, data);
          break;
        case VFIO_PCI_ERR_IRQ_INDEX:
          // pci_is_pcie(): the model's VFs are PCIe functions
          if (action === VFIO_IRQ_SET_ACTION_TRIGGER)
            return vfio_pci_set_err_trigger(vdev, index, start, count, flags, data);
          break;
        case VFIO_PCI_REQ_IRQ_INDEX:
          if (action === VFIO_IRQ_SET_ACTION_TRIGGER)
            return vfio_pci_set_req_trigger(vdev, index, start, count, flags, data);
          break;
      }
      return -ENOTTY;
    },
  );
}
