/**
 * MSI core constants and structs, as the model keeps them.
 *
 * Bit values of the `MSI_FLAG_*` constants are the model's own; only their names and
 * meaning follow the kernel.
 * @kernel include/linux/msi.h, include/linux/msi_api.h, include/linux/irqdomain_defs.h
 */

/** `enum msi_domain_ids`: the default (and, v6.2-era, only) per-device domain id. */
export const MSI_DEFAULT_DOMAIN = 0;
/** `enum msi_domain_ids`: number of per-device domain slots (v6.2-era enum: one). */
export const MSI_MAX_DEVICE_IRQDOMAINS = 1;
/** `#define MSI_MAX_INDEX ((unsigned int)USHRT_MAX)`. */
export const MSI_MAX_INDEX = 0xffff;
/** `#define MSI_XA_DOMAIN_SIZE (MSI_MAX_INDEX + 1)`: the default software index limit. */
export const MSI_XA_DOMAIN_SIZE = MSI_MAX_INDEX + 1;
/** `#define MSI_ANY_INDEX UINT_MAX`: let the xarray pick a free index. */
export const MSI_ANY_INDEX = 0xffffffff;

/** The domain frees descriptors together with their interrupts (PCI sets it). */
export const MSI_FLAG_FREE_MSI_DESCS = 1 << 0;
/** The domain handles PCI MSI-X. */
export const MSI_FLAG_PCI_MSIX = 1 << 1;
/** The domain supports allocating MSI-X vectors after MSI-X is enabled (v6.2+). */
export const MSI_FLAG_PCI_MSIX_ALLOC_DYN = 1 << 2;

/** Bus tokens of the domains the model knows (include/linux/irqdomain_defs.h). */
export type DomainBus =
  | "DOMAIN_BUS_NEXUS"
  | "DOMAIN_BUS_PCI_MSI"
  | "DOMAIN_BUS_PCI_DEVICE_MSI"
  | "DOMAIN_BUS_PCI_DEVICE_MSIX";

/** `struct msi_domain_info`, reduced to what the story needs. */
export interface msi_domain_info {
  flags: number;
  /** "The hardware table size or the software index limit." */
  hwsize: number;
  bus_token: DomainBus;
}

/** `struct irq_domain`, reduced. `host_data` points at the msi_domain_info. */
export interface irq_domain {
  name: string;
  bus_token: DomainBus;
  host_data: msi_domain_info | null;
  /** IRQ_DOMAIN_FLAG_MSI_PARENT: per-device domains are created below this one. */
  is_msi_parent: boolean;
  /** IRQ_DOMAIN_FLAG_MSI_DEVICE: a per-device domain. */
  is_msi_device: boolean;
  /** `msi_parent_ops->supported_flags` of an MSI parent. */
  parent_supported_flags: number;
}

/** `struct msi_domain_template` (the PCI layer's pci_msix_template). */
export interface msi_domain_template {
  name: string;
  info: { flags: number; bus_token: DomainBus };
}

/** `struct msi_desc`, reduced. */
export interface msi_desc {
  /** Linux interrupt number; 0 while no interrupt is allocated. */
  irq: number;
  nvec_used: number;
  msi_index: number;
  pci: { is_msix: boolean; is_virtual: boolean };
}

/** `struct msi_map`: `index` doubles as the error code when negative. */
export interface msi_map {
  index: number;
  virq: number;
}

/** `struct msi_ctrl`: an inclusive index range in one domain. */
export interface msi_ctrl {
  domid: number;
  first: number;
  last: number;
  nirqs: number;
}

/** One slot of `dev->msi.data->__domains[]`: the descriptor store and the domain. */
export interface msi_dev_domain {
  store: Map<number, msi_desc>;
  domain: irq_domain | null;
}

/** `struct msi_device_data`: devres-managed, lives until the driver unbinds. */
export interface msi_device_data {
  __domains: msi_dev_domain[];
}
