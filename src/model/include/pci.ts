/**
 * `struct pci_dev` and the pci_alloc_irq_vectors() flags.
 * @kernel include/linux/pci.h
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
}
