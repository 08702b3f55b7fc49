/**
 * vfio-pci interrupts, MSI/MSI-X: enable, per-vector triggers (with dynamic allocation since
 * v6.5), the unwind of a failed block, and disable, where the proposed one-line fix goes. The
 * model splits drivers/vfio/pci/vfio_pci_intrs.c in two files: its "IOCTL support" part (which
 * handler a SET_IRQS request reaches) is in vfio_pci_intrs_ioctl.ts. Both cite the one kernel file.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c (v6.5 "vfio/pci: Support dynamic MSI-X" through
 * v6.17.8, source G617)
 */

import { eventfd_ctx_fdget } from "../../../fs/eventfd";
import { EINVAL } from "../../../include/errno";
import { MSI_DEFAULT_DOMAIN } from "../../../include/msi";
import { PCI_IRQ_MSI, PCI_IRQ_MSIX } from "../../../include/pci";
import {
  VFIO_PCI_INTX_IRQ_INDEX,
  VFIO_PCI_MSI_IRQ_INDEX,
  VFIO_PCI_MSIX_IRQ_INDEX,
  VFIO_PCI_NUM_IRQS,
} from "../../../include/uapi_vfio";
import { free_irq, request_irq } from "../../../kernel/irq/manage";
import { msi_remove_device_irq_domain } from "../../../kernel/irq/msi_device_domain";
import { pci_alloc_irq_vectors, pci_free_irq_vectors, pci_irq_vector, pci_msix_alloc_irq_at } from "../../pci/msi/api";
import {
  type vfio_pci_core_device,
  type vfio_pci_irq_ctx,
  vfio_pci_memory_lock_and_enable,
  vfio_pci_memory_unlock_and_restore,
} from "./vfio_pci_core";

/**
 * irq_is - is the device in IRQ mode `type`?
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c (static helper); source G617
 */
export function irq_is(vdev: vfio_pci_core_device, type: number): boolean {
  return vdev.irq_type === type;
}

/**
 * is_irq_none - no INTx, MSI or MSI-X mode.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c (static helper); source G617
 */
export function is_irq_none(vdev: vfio_pci_core_device): boolean {
  return !(
    vdev.irq_type === VFIO_PCI_INTX_IRQ_INDEX ||
    vdev.irq_type === VFIO_PCI_MSI_IRQ_INDEX ||
    vdev.irq_type === VFIO_PCI_MSIX_IRQ_INDEX
  );
}

/* MSI/MSI-X */

/**
 * vfio_msi_enable - allocate `nvec` (= start + count) vectors; fewer than asked → free them and
 * return the positive count (or the negative errno). @kernel drivers/vfio/pci/vfio_pci_intrs.c; G617
 */
export function vfio_msi_enable(vdev: vfio_pci_core_device, nvec: number, msix: boolean): number {
  const pdev = vdev.pdev;
  return pdev.dev.machine.tracer.call("vfio", "vfio_msi_enable", { nvec, msix }, () => {
    const flag = msix ? PCI_IRQ_MSIX : PCI_IRQ_MSI;
    if (!is_irq_none(vdev)) return -EINVAL;
    // Fewer vectors than asked for: undo, and tell the caller how many there could be.
    const cmd = vfio_pci_memory_lock_and_enable(vdev);
    const ret = pci_alloc_irq_vectors(pdev, 1, nvec, flag);
    if (ret < nvec) {
      if (ret > 0) pci_free_irq_vectors(pdev);
      vfio_pci_memory_unlock_and_restore(vdev, cmd);
      return ret;
    }
    vfio_pci_memory_unlock_and_restore(vdev, cmd);
    vdev.irq_type = msix ? VFIO_PCI_MSIX_IRQ_INDEX : VFIO_PCI_MSI_IRQ_INDEX;
    return 0;
  });
}

/*
 * There is no vfio_msi_free_irq(): an IRQ allocated for a vector stays with the device for
 * reuse by later allocations, and pci_free_irq_vectors() frees them all when MSI/MSI-X is
 * disabled (the kernel's own comment says so, G617).
 */
/**
 * vfio_msi_alloc_irq - the interrupt of `vector`: an existing one, or (MSI-X with has_dyn_msix)
 * a new one from pci_msix_alloc_irq_at(); `map.index < 0 ? map.index : map.virq`.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c (v6.5+); G617
 */
export function vfio_msi_alloc_irq(vdev: vfio_pci_core_device, vector: number, msix: boolean): number {
  const pdev = vdev.pdev;
  const t = pdev.dev.machine.tracer;
  return t.call("vfio", "vfio_msi_alloc_irq", { vector }, () => {
    const irq = pci_irq_vector(pdev, vector);
    if (t.warnOnce(irq === 0, "irq == 0")) return -EINVAL;
    if (irq > 0 || !msix || !vdev.has_dyn_msix) return irq;
    const cmd = vfio_pci_memory_lock_and_enable(vdev);
    const map = pci_msix_alloc_irq_at(pdev, vector, null);
    vfio_pci_memory_unlock_and_restore(vdev, cmd);
    return map.index < 0 ? map.index : map.virq;
  });
}

/**
 * vfio_msi_set_vector_signal - tear down `vector`'s trigger if any, then (fd >= 0) allocate its
 * interrupt, take the eventfd and request_irq(). Unwinds with the kernel's labels.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c (v6.5+); G617
 */
export function vfio_msi_set_vector_signal(
  vdev: vfio_pci_core_device,
  vector: number,
  fd: number,
  msix: boolean,
): number {
  const pdev = vdev.pdev;
  const m = pdev.dev.machine;
  return m.tracer.call("vfio", "vfio_msi_set_vector_signal", { vector, fd }, () => {
    let irq = -EINVAL;
    let ctx = vdev.ctx.get(vector);
    if (ctx) {
      irq = pci_irq_vector(pdev, vector);
      const cmd = vfio_pci_memory_lock_and_enable(vdev);
      free_irq(irq, ctx.trigger);
      vfio_pci_memory_unlock_and_restore(vdev, cmd);
      // The IRQ itself is kept for reuse; pci_free_irq_vectors() frees it when MSI-X is disabled.
      vdev.ctx.delete(vector); // kfree(name), eventfd_ctx_put(trigger), vfio_irq_ctx_free()
    }
    if (fd < 0) return 0;
    if (irq === -EINVAL) {
      // The IRQ itself is kept for reuse; pci_free_irq_vectors() frees it when MSI-X is disabled.
      irq = vfio_msi_alloc_irq(vdev, vector, msix);
      if (irq < 0) return irq;
    }
    const name = `vfio-msi${msix ? "x" : ""}[${vector}](${pdev.dev.name})`;
    const trigger = eventfd_ctx_fdget(m, fd);
    if (typeof trigger === "number") return trigger; // out_free_name: out_free_ctx:
    const cmd = vfio_pci_memory_lock_and_enable(vdev);
    const ret = request_irq(irq, "vfio_msihandler", 0, name, trigger);
    vfio_pci_memory_unlock_and_restore(vdev, cmd);
    if (ret) return ret; // out_put_eventfd_ctx: out_free_name: out_free_ctx:
    ctx = { trigger, name } satisfies vfio_pci_irq_ctx;
    vdev.ctx.set(vector, ctx);
    return 0;
  });
}

/**
 * vfio_msi_set_block - set vectors start..start+count-1 in turn; on the first error, tear down
 * every vector from `start` up to and including the failing one, and return the error.
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c; G617
 */
export function vfio_msi_set_block(
  vdev: vfio_pci_core_device,
  start: number,
  count: number,
  fds: number[] | null,
  msix: boolean,
): number {
  return vdev.pdev.dev.machine.tracer.call("vfio", "vfio_msi_set_block", { start, count }, () => {
    let ret = 0;
    let i: number;
    let j: number;
    for (i = 0, j = start; i < count && !ret; i++, j++) {
      const fd = fds ? (fds[i] ?? -1) : -1;
      ret = vfio_msi_set_vector_signal(vdev, j, fd, msix);
    }
    if (ret) {
      for (i = start; i < j; i++) vfio_msi_set_vector_signal(vdev, i, -1, msix);
    }
    return ret;
  });
}

/**
 * vfio_msi_disable - per-ctx teardown, then pci_free_irq_vectors() inside the memory bracket;
 * the fixed profile then removes the per-device MSI domain (the NAKed one-line patch).
 * @kernel drivers/vfio/pci/vfio_pci_intrs.c (G617 = v6.17.8 has no removal line); patch:
 * Message-ID 20230914191406.54656-1-shannon.nelson@amd.com
 */
export function vfio_msi_disable(vdev: vfio_pci_core_device, msix: boolean): void {
  const pdev = vdev.pdev;
  const m = pdev.dev.machine;
  m.tracer.call("vfio", "vfio_msi_disable", { msix }, () => {
    // xa_for_each() visits the contexts in index order, whatever order they were set up in.
    for (const i of [...vdev.ctx.keys()].sort((a, b) => a - b)) {
      // vfio_virqfd_disable(&ctx->unmask); vfio_virqfd_disable(&ctx->mask);
      vfio_msi_set_vector_signal(vdev, i, -1, msix);
    }
    const cmd = vfio_pci_memory_lock_and_enable(vdev);
    pci_free_irq_vectors(pdev);
    vfio_pci_memory_unlock_and_restore(vdev, cmd);
    // ANCHOR: the-fix
    if (m.features.removeDomainOnDisable) {
      msi_remove_device_irq_domain(pdev.dev, MSI_DEFAULT_DOMAIN);
    }
    // ANCHOR_END: the-fix
    // The kernel re-clears DisINTx here for NoINTx devices (pci_intx(pdev, 0)); the model's
    // devices are not NoINTx, so there is nothing to do.
    vdev.irq_type = VFIO_PCI_NUM_IRQS;
  });
}
