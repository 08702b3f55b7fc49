/**
 * The PCI/MSI driver API: allocate, query and free vectors, and the v6.2+ post-enable
 * (dynamic) MSI-X allocation.
 * @kernel drivers/pci/msi/api.c (source T3, v6.10–v6.15 era; same logic since v6.2)
 */
import { EINVAL, ENOSPC, ENOTSUPP } from "../../../include/errno";
import { MSI_DEFAULT_DOMAIN, MSI_FLAG_PCI_MSIX_ALLOC_DYN, type msi_map } from "../../../include/msi";
import { PCI_IRQ_MSIX, type pci_dev } from "../../../include/pci";
import { msix_table_size, PCI_MSIX_FLAGS } from "../../../include/pci_regs";
import { msi_get_virq } from "../../../kernel/irq/msi";
import { msi_domain_alloc_irq_at } from "../../../kernel/irq/msi_device_domain";
import { pci_read_config_word } from "../access";
import { pci_msi_domain_supports } from "./irqdomain";
import { __pci_enable_msix_range, pci_free_msi_irqs, pci_msix_shutdown } from "./msi";

/**
 * pci_msix_vec_count - the MSI-X Table Size, read from config space on every call.
 * @kernel drivers/pci/msi/api.c; source T3
 */
export function pci_msix_vec_count(dev: pci_dev): number {
  return dev.dev.machine.tracer.call("pci", "pci_msix_vec_count", {}, () => {
    if (!dev.msix_cap) return -EINVAL;
    return msix_table_size(pci_read_config_word(dev, dev.msix_cap + PCI_MSIX_FLAGS));
  });
}

/**
 * pci_alloc_irq_vectors_affinity - MSI-X first when allowed; a negative errno reaches the
 * caller unchanged when only PCI_IRQ_MSIX is given (MSI is not modelled: VFs here have no
 * MSI capability). @kernel drivers/pci/msi/api.c; source T3
 */
export function pci_alloc_irq_vectors_affinity(
  dev: pci_dev,
  min_vecs: number,
  max_vecs: number,
  flags: number,
  affd: null,
): number {
  return dev.dev.machine.tracer.call("pci", "pci_alloc_irq_vectors_affinity", { min_vecs, max_vecs, flags }, () => {
    let nvecs = -ENOSPC;
    if (flags & PCI_IRQ_MSIX) {
      nvecs = __pci_enable_msix_range(dev, null, min_vecs, max_vecs, affd, flags);
      if (nvecs > 0) return nvecs;
    }
    return nvecs;
  });
}

/** pci_alloc_irq_vectors - pci_alloc_irq_vectors_affinity() without affinity. @kernel drivers/pci/msi/api.c; source T3 */
export function pci_alloc_irq_vectors(dev: pci_dev, min_vecs: number, max_vecs: number, flags: number): number {
  return dev.dev.machine.tracer.call("pci", "pci_alloc_irq_vectors", { min_vecs, max_vecs }, () =>
    pci_alloc_irq_vectors_affinity(dev, min_vecs, max_vecs, flags, null),
  );
}

/**
 * pci_disable_msix - shut MSI-X down and free its interrupts and descriptors (keeps the domain).
 * @kernel drivers/pci/msi/api.c (v6.2+; msi.c before); sources T3, GMSI
 */
export function pci_disable_msix(dev: pci_dev): void {
  dev.dev.machine.tracer.call("pci", "pci_disable_msix", {}, () => {
    if (!dev.msix_enabled) return;
    pci_msix_shutdown(dev);
    pci_free_msi_irqs(dev);
  });
}

/**
 * pci_free_irq_vectors - `pci_disable_msix(dev); pci_disable_msi(dev);`. The per-device domain
 * deliberately survives (no create/remove churn). pci_disable_msi() is a no-op here: MSI is
 * never enabled on the modelled VFs. @kernel drivers/pci/msi/api.c; source T3
 */
export function pci_free_irq_vectors(dev: pci_dev): void {
  dev.dev.machine.tracer.call("pci", "pci_free_irq_vectors", {}, () => pci_disable_msix(dev));
}

/**
 * pci_irq_vector - the Linux interrupt of vector `nr`; -EINVAL for an index with no descriptor
 * (no hwsize check). @kernel drivers/pci/msi/api.c; sources T3, T1
 */
export function pci_irq_vector(dev: pci_dev, nr: number): number {
  return dev.dev.machine.tracer.call("pci", "pci_irq_vector", { nr }, () => {
    if (!dev.msi_enabled && !dev.msix_enabled) return !nr ? dev.irq : -EINVAL;
    const irq = msi_get_virq(dev.dev, nr);
    return irq ? irq : -EINVAL;
  });
}

/**
 * pci_msix_can_alloc_dyn - can MSI-X vectors be added after enable? Asks the parent domain
 * only (no per-device domain needed). False before v6.2 (no such API).
 * @kernel drivers/pci/msi/api.c (v6.2+); sources T3, T2
 */
export function pci_msix_can_alloc_dyn(dev: pci_dev): boolean {
  return dev.dev.machine.tracer.call("pci", "pci_msix_can_alloc_dyn", {}, () => {
    if (!dev.dev.machine.features.pciDynAlloc) return false;
    if (!dev.msix_cap) return false;
    return pci_msi_domain_supports(dev, MSI_FLAG_PCI_MSIX_ALLOC_DYN, "DENY_LEGACY");
  });
}

/**
 * pci_msix_alloc_irq_at - allocate vector `index` after MSI-X is enabled: `{index: -ENOTSUPP}`
 * if MSI-X is off or dynamic allocation is impossible, else msi_domain_alloc_irq_at().
 * @kernel drivers/pci/msi/api.c (v6.2+); source T3
 */
export function pci_msix_alloc_irq_at(dev: pci_dev, index: number, affdesc: null): msi_map {
  return dev.dev.machine.tracer.call("pci", "pci_msix_alloc_irq_at", { index }, () => {
    const map: msi_map = { index: -ENOTSUPP, virq: 0 };
    if (!dev.msix_enabled) return map;
    if (!pci_msix_can_alloc_dyn(dev)) return map;
    return msi_domain_alloc_irq_at(dev.dev, MSI_DEFAULT_DOMAIN, index, affdesc, null);
  });
}
