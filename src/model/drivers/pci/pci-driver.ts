/**
 * The PCI bus type: registering a PCI driver, and matching drivers to devices through
 * driver_override and the driver's id table.
 * @kernel drivers/pci/pci-driver.c
 */
import type { bus_type, device, pci_driver } from "../../include/device";
import { EBUSY } from "../../include/errno";
import { PCI_ANY_ID, type pci_dev, type pci_device_id } from "../../include/pci";
import type { Machine } from "../../machine";
import { bus_add_driver } from "../base/bus";

/** The id pci_match_device() returns for a driver_override match without a table entry. */
const pci_device_id_any: pci_device_id = Object.freeze({
  vendor: PCI_ANY_ID,
  device: PCI_ANY_ID,
  override_only: false,
});

/**
 * pci_match_one_device - does `id` match `dev`? The model's devices carry no vendor or device ID,
 * so only PCI_ANY_ID entries match. @kernel drivers/pci/pci.h (static inline)
 */
export function pci_match_one_device(id: pci_device_id, dev: pci_dev): boolean {
  void dev;
  return id.vendor === PCI_ANY_ID && id.device === PCI_ANY_ID;
}

/**
 * pci_match_device - the id-table entry that lets `drv` bind `dev`, or null. A set
 * driver_override admits only the driver it names; an `override_only` entry counts only with a
 * driver_override; a driver_override match without an entry gets a dummy id. (Dynamic ids from
 * `new_id` are not modelled.) @kernel drivers/pci/pci-driver.c
 */
export function pci_match_device(drv: pci_driver, dev: pci_dev): pci_device_id | null {
  if (dev.driver_override !== null && dev.driver_override !== drv.name) return null;
  for (const id of drv.id_table ?? []) {
    if (!pci_match_one_device(id, dev)) continue;
    if (!id.override_only || dev.driver_override !== null) return id;
  }
  return dev.driver_override !== null ? pci_device_id_any : null;
}

/** pci_bus_match - the PCI bus's match: 1 if pci_match_device() finds an id. @kernel drivers/pci/pci-driver.c */
export function pci_bus_match(dev: device, drv: pci_driver): number {
  return pci_match_device(drv, dev.pdev) ? 1 : 0;
}

/** `pci_bus_type`, reduced to its name and match. @kernel drivers/pci/pci-driver.c */
export const pci_bus_type: bus_type = Object.freeze({ name: "pci", match: pci_bus_match });

/**
 * pci_register_driver - register `drv` on the PCI bus, creating its sysfs directory; -EBUSY if a
 * driver of that name is registered already (driver_register()'s check). The kernel then tries to
 * bind every unbound device that matches; the model registers its drivers when a host is created,
 * before any device exists, so there is nothing to try. The model passes the machine: driver lists
 * are per host. @kernel include/linux/pci.h (macro around __pci_register_driver(),
 * drivers/pci/pci-driver.c; driver_register() is drivers/base/driver.c)
 */
export function pci_register_driver(m: Machine, drv: pci_driver): number {
  if (m.drivers.has(drv.name)) return -EBUSY; // driver_find()
  return bus_add_driver(m, drv);
}
