/**
 * `struct pci_dev`, `struct pci_device_id` and the pci_alloc_irq_vectors() flags.
 * @kernel include/linux/pci.h, include/linux/mod_devicetable.h
 */
import type { device } from "./device";

/** Allow legacy INTx (called PCI_IRQ_LEGACY before v6.8). */
export const PCI_IRQ_INTX = 1 << 0;
/** Allow MSI. */
export const PCI_IRQ_MSI = 1 << 1;
/** Allow MSI-X. */
export const PCI_IRQ_MSIX = 1 << 2;
/** Spread vectors over CPUs. */
export const PCI_IRQ_AFFINITY = 1 << 3;
/** Allow virtual (beyond-table) vectors; used by a few drivers only. */
export const PCI_IRQ_VIRTUAL = 1 << 4;

/** `#define PCI_ANY_ID (~0)`: an id-table field that matches any value. */
export const PCI_ANY_ID = 0xffffffff;

/**
 * `struct pci_device_id`, reduced to vendor, device and `override_only` (the entry matches only a
 * device whose driver_override names the driver, as vfio-pci's PCI_DRIVER_OVERRIDE_DEVICE_VFIO
 * entries do).
 */
export interface pci_device_id {
  vendor: number;
  device: number;
  override_only: boolean;
}

/** `struct pci_dev`, reduced. Config space is a real byte array. */
export interface pci_dev {
  dev: device;
  /** 4 KiB of configuration space (little endian). */
  config: Uint8Array;
  /** Offset of the MSI-X capability (0xa0 in the model), 0 if absent. */
  msix_cap: number;
  /** Offset of the MSI capability; 0: the modelled VFs have none. */
  msi_cap: number;
  msix_enabled: boolean;
  msi_enabled: boolean;
  /** The mapped table (`dev->msix_base`): the number of entries mapped, or null. */
  msix_base: { tsize: number } | null;
  /** INTx interrupt number; 0 for a VF. */
  irq: number;
  is_virtfn: boolean;
  /** `pci_physfn()`: the PF of a VF, the device itself otherwise. */
  physfn: pci_dev | null;
  /** The Table Size the device reports after reset ("device default"): model-only. */
  default_msix_count: number;
  /** PF only: the VF MSI-X pool (sriov_vf_total_msix). */
  vf_total_msix: number;
  /** The driver the admin wrote to `driver_override`: only that driver may bind; null if unset. */
  driver_override: string | null;
}
