/**
 * PCI/MSI domain glue: create or reuse the per-device MSI-X domain, and route interrupt
 * allocation and teardown to the MSI core.
 * @kernel drivers/pci/msi/irqdomain.c (v6.2+; sources T2 < v6.16, GIRQ > v6.16: same logic)
 */

import {
  type DomainBus,
  MSI_DEFAULT_DOMAIN,
  MSI_FLAG_FREE_MSI_DESCS,
  MSI_FLAG_PCI_MSIX,
  MSI_FLAG_PCI_MSIX_ALLOC_DYN,
  type msi_domain_template,
} from "../../../include/msi";
import type { pci_dev } from "../../../include/pci";
import {
  msi_create_device_irq_domain,
  msi_domain_alloc_irqs_all_locked,
  msi_domain_free_irqs_all_locked,
  msi_get_device_domain,
  msi_match_device_irq_domain,
  msi_remove_device_irq_domain,
} from "../../../kernel/irq/msi_device_domain";

/** pci_msix_template: MSI_COMMON_FLAGS (incl. FREE_MSI_DESCS) | PCI_MSIX | PCI_MSIX_ALLOC_DYN. @kernel drivers/pci/msi/irqdomain.c */
export const pci_msix_template: msi_domain_template = Object.freeze({
  name: "PCI-MSIX",
  info: Object.freeze({
    flags: MSI_FLAG_FREE_MSI_DESCS | MSI_FLAG_PCI_MSIX | MSI_FLAG_PCI_MSIX_ALLOC_DYN,
    bus_token: "DOMAIN_BUS_PCI_DEVICE_MSIX",
  }),
});

/** `enum support_mode` of pci_msi_domain_supports(). */
export type support_mode = "ALLOW_LEGACY" | "DENY_LEGACY";

/**
 * pci_msi_domain_supports - does the device's MSI domain support `feature_mask`? Looks at the
 * MSI parent's supported flags (before any per-device domain exists) or a global domain's
 * info flags. @kernel drivers/pci/msi/irqdomain.c (v6.2+); sources T2, GIRQ
 */
export function pci_msi_domain_supports(pdev: pci_dev, feature_mask: number, mode: support_mode): boolean {
  const domain = pdev.dev.msi.domain;
  if (!domain) return mode === "ALLOW_LEGACY";
  const supported = domain.is_msi_parent ? domain.parent_supported_flags : (domain.host_data?.flags ?? 0);
  return (supported & feature_mask) === feature_mask;
}

/** pci_match_device_domain - is there a per-device domain with `bus_token`? @kernel drivers/pci/msi/irqdomain.c */
export function pci_match_device_domain(pdev: pci_dev, bus_token: DomainBus): boolean {
  return msi_match_device_irq_domain(pdev.dev, MSI_DEFAULT_DOMAIN, bus_token);
}

/**
 * pci_create_device_domain - create the per-device domain of `hwsize`; returns true WITHOUT
 * creating anything when the device's MSI domain is not an MSI parent (global/legacy model,
 * as on v6.1). @kernel drivers/pci/msi/irqdomain.c (v6.2+); sources T2, GIRQ
 */
export function pci_create_device_domain(pdev: pci_dev, tmpl: msi_domain_template, hwsize: number): boolean {
  return pdev.dev.machine.tracer.call("pci", "pci_create_device_domain", { hwsize }, () => {
    const domain = pdev.dev.msi.domain;
    if (!domain || !domain.is_msi_parent) return true;
    return msi_create_device_irq_domain(pdev.dev, MSI_DEFAULT_DOMAIN, tmpl, hwsize, null, null);
  });
}

/**
 * pci_setup_msix_device_domain - reuse an existing MSI-X domain WITHOUT comparing hwsize, else
 * remove an MSI domain (type switch) and create one of `hwsize`.
 * "The created MSI-X domain is preserved until: The device is removed; MSI-X is disabled and a
 * MSI domain is created". The v6.5+warn profile adds a HYPOTHETICAL size check (not upstream).
 * @kernel drivers/pci/msi/irqdomain.c (v6.2+); sources T2, GIRQ
 */
export function pci_setup_msix_device_domain(pdev: pci_dev, hwsize: number): boolean {
  const m = pdev.dev.machine;
  return m.tracer.call("pci", "pci_setup_msix_device_domain", { hwsize }, () => {
    if (m.tracer.warnOnce(pdev.msi_enabled, "pdev->msi_enabled")) return false;
    if (pci_match_device_domain(pdev, "DOMAIN_BUS_PCI_DEVICE_MSIX")) {
      const info = msi_get_device_domain(pdev.dev, MSI_DEFAULT_DOMAIN)!.host_data!;
      m.tracer.arg("reused_hwsize", info.hwsize);
      // HYPOTHETICAL (v6.5+warn): "add some code which yells when the 'hardware' plays silly buggers"
      if (m.features.warnOnSizeChange) m.tracer.warnOnce(hwsize !== info.hwsize, "hwsize != info->hwsize");
      return true;
    }
    if (pci_match_device_domain(pdev, "DOMAIN_BUS_PCI_DEVICE_MSI")) {
      msi_remove_device_irq_domain(pdev.dev, MSI_DEFAULT_DOMAIN);
    }
    return pci_create_device_domain(pdev, pci_msix_template, hwsize);
  });
}

/**
 * pci_msi_setup_msi_irqs - allocate the interrupts of the inserted descriptors.
 * @kernel drivers/pci/msi/irqdomain.c (hierarchical domains; arch_setup_msi_irqs otherwise)
 */
export function pci_msi_setup_msi_irqs(dev: pci_dev, nvec: number, type: number): number {
  void type;
  return msi_domain_alloc_irqs_all_locked(dev.dev, MSI_DEFAULT_DOMAIN, nvec);
}

/** pci_msi_teardown_msi_irqs - free interrupts and descriptors of the default domain. @kernel drivers/pci/msi/irqdomain.c */
export function pci_msi_teardown_msi_irqs(dev: pci_dev): void {
  msi_domain_free_irqs_all_locked(dev.dev, MSI_DEFAULT_DOMAIN);
}
