/**
 * Plain-data snapshots of a device: what inspect() returns and what depth-0 trace entries carry.
 */

import { vfio_pci_driver } from "./drivers/vfio/pci/vfio_pci";
import type { vfio_pci_core_device } from "./drivers/vfio/pci/vfio_pci_core";
import { MSI_DEFAULT_DOMAIN } from "./include/msi";
import type { pci_dev } from "./include/pci";
import { msix_table_size, PCI_MSIX_FLAGS, PCI_MSIX_FLAGS_ENABLE, PCI_MSIX_FLAGS_MASKALL } from "./include/pci_regs";
import { VFIO_PCI_INTX_IRQ_INDEX, VFIO_PCI_MSI_IRQ_INDEX, VFIO_PCI_MSIX_IRQ_INDEX } from "./include/uapi_vfio";

/** A device at one moment: config space, MSI core and vfio-pci state. */
export interface DeviceState {
  bdf: string;
  /** Name of the bound driver, or null. */
  driver: string | null;
  /** MSI-X Table Size as config space reports it now (0 without MSI-X). */
  tableSize: number;
  /** Message Control Enable bit. */
  msixEnabled: boolean;
  /** Message Control Function Mask bit. */
  functionMasked: boolean;
  /** The per-device MSI domain and its hwsize, or null (none, or a global domain as on v6.1). */
  domain: null | { hwsize: number };
  /** MSI descriptor indices, sorted. */
  descriptors: number[];
  /** MSI index → Linux interrupt number, for descriptors with an interrupt. */
  irqs: Record<number, number>;
  /** Vectors with a VFIO trigger (vdev->ctx), sorted. */
  vfioContexts: number[];
  /** vfio-pci's irq_type, or 'none' when not bound to vfio-pci. */
  irqType: "none" | "intx" | "msi" | "msix";
  /** vdev->has_dyn_msix while a VFIO fd is open; null otherwise. */
  hasDynMsix: boolean | null;
}

/** Takes the snapshot of one device (deep copy, no references into the model). */
export function snapshotDevice(pdev: pci_dev): DeviceState {
  const dev = pdev.dev;
  const ctrl = pdev.msix_cap
    ? pdev.config[pdev.msix_cap + PCI_MSIX_FLAGS]! | (pdev.config[pdev.msix_cap + PCI_MSIX_FLAGS + 1]! << 8)
    : 0;
  const slot = dev.msi.data?.__domains[MSI_DEFAULT_DOMAIN];
  const domain = slot?.domain?.is_msi_device && slot.domain.host_data ? { hwsize: slot.domain.host_data.hwsize } : null;
  const descs = slot ? [...slot.store.values()].sort((a, b) => a.msi_index - b.msi_index) : [];
  const irqs: Record<number, number> = {};
  for (const d of descs) if (d.irq) irqs[d.msi_index] = d.irq;
  const vdev = dev.driver === vfio_pci_driver ? (dev.driver_data as vfio_pci_core_device | null) : null;
  const irqType =
    vdev?.irq_type === VFIO_PCI_MSIX_IRQ_INDEX
      ? "msix"
      : vdev?.irq_type === VFIO_PCI_MSI_IRQ_INDEX
        ? "msi"
        : vdev?.irq_type === VFIO_PCI_INTX_IRQ_INDEX
          ? "intx"
          : "none";
  return {
    bdf: dev.name,
    driver: dev.driver?.name ?? null,
    tableSize: pdev.msix_cap ? msix_table_size(ctrl) : 0,
    msixEnabled: !!(ctrl & PCI_MSIX_FLAGS_ENABLE),
    functionMasked: !!(ctrl & PCI_MSIX_FLAGS_MASKALL),
    domain,
    descriptors: descs.map((d) => d.msi_index),
    irqs,
    vfioContexts: vdev ? [...vdev.ctx.keys()].sort((a, b) => a - b) : [],
    irqType,
    hasDynMsix: vdev && vdev.open_count > 0 ? vdev.has_dyn_msix : null,
  };
}
