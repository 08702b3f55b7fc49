/**
 * `struct device`, `struct bus_type`, `struct pci_driver` and devres nodes, reduced to what the
 * model needs.
 * @kernel include/linux/device.h, include/linux/device/bus.h, include/linux/pci.h, drivers/base/devres.c
 */
import type { Machine } from "../machine";
import type { irq_domain, msi_device_data } from "./msi";
import type { pci_dev, pci_device_id } from "./pci";

/** `struct bus_type`, reduced: `match` says whether a driver can bind a device (1) or not (0). */
export interface bus_type {
  name: string;
  match?: (dev: device, drv: pci_driver) => number;
}

/** A devres node: `release(dev, res)` runs at driver unbind (devres_release_all). */
export interface devres {
  name: string;
  release: (dev: device, res: unknown) => void;
  data: unknown;
}

/** `struct device`. `machine` is the model's back pointer to its host (scaffolding). */
export interface device {
  /** dev_name(): the PCI address, e.g. 0000:2e:00.1. */
  name: string;
  machine: Machine;
  /** The bus the device sits on (the model's devices are all PCI functions). */
  bus: bus_type | null;
  driver: pci_driver | null;
  driver_data: unknown;
  /** `dev->devres_head`, in order of addition. */
  devres_head: devres[];
  msi: {
    /** The parent (or global) MSI domain: `dev_get_msi_domain()`. */
    domain: irq_domain | null;
    data: msi_device_data | null;
  };
  /** Back pointer to the containing pci_dev (`to_pci_dev()`). */
  pdev: pci_dev;
}

/** `struct pci_driver`, reduced. Callbacks return 0 or a negative errno. */
export interface pci_driver {
  name: string;
  /** The devices the driver claims; a driver without a table binds only through driver_override. */
  id_table?: readonly pci_device_id[];
  probe: (pdev: pci_dev) => number;
  remove: (pdev: pci_dev) => void;
  /**
   * The model's own hook, not a kernel field: true when `remove` would wait for users instead of
   * returning (vfio-pci waits in vfio_unregister_group_dev() until every device fd is closed,
   * signalling the user's REQ eventfd meanwhile). A model call cannot block, so unbind_store()
   * asks this first and refuses with -EBUSY, changing nothing (a MODEL DEVIATION).
   */
  removeWouldBlock?: (pdev: pci_dev) => boolean;
  /** PF drivers only: program a VF's MSI-X Table Size (drivers/pci/iov.c caller). */
  sriov_set_msix_vec_count?: (vf: pci_dev, msix_vec_count: number) => number;
  /** PF drivers only: the pool reported by sriov_vf_total_msix. */
  sriov_get_vf_total_msix?: (pf: pci_dev) => number;
}
