/**
 * The vfio-pci driver object: probe and remove.
 * @kernel drivers/vfio/pci/vfio_pci.c
 */
import type { pci_driver } from "../../../include/device";
import type { pci_dev } from "../../../include/pci";
import { vfio_pci_core_init_dev } from "./vfio_pci_core";

/** vfio_pci_probe - allocate and register the vfio-pci core device. @kernel drivers/vfio/pci/vfio_pci.c */
export function vfio_pci_probe(pdev: pci_dev): number {
  return pdev.dev.machine.tracer.call("vfio", "vfio_pci_probe", {}, () => {
    pdev.dev.driver_data = vfio_pci_core_init_dev(pdev);
    return 0;
  });
}

/**
 * vfio_pci_remove - unregister the device. The real vfio_unregister_group_dev() blocks until every
 * device fd is closed; the model's unbind refuses with -EBUSY instead (see drivers/base/bus.ts).
 * @kernel drivers/vfio/pci/vfio_pci.c
 */
export function vfio_pci_remove(pdev: pci_dev): void {
  pdev.dev.machine.tracer.call("vfio", "vfio_pci_remove", {}, () => {
    pdev.dev.driver_data = null;
  });
}

/** The vfio-pci `struct pci_driver`. */
export const vfio_pci_driver: pci_driver = { name: "vfio-pci", probe: vfio_pci_probe, remove: vfio_pci_remove };
