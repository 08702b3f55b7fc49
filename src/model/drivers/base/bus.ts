/**
 * The PCI bus's driver directories: registering a driver creates /sys/bus/pci/drivers/<name>/,
 * whose `bind` and `unbind` files attach and detach devices by name.
 * @kernel drivers/base/bus.c
 */
import type { device, pci_driver } from "../../include/device";
import { EBUSY, ENODEV } from "../../include/errno";
import type { Machine } from "../../machine";
import { device_driver_attach, device_driver_detach } from "./dd";

/**
 * bus_add_driver - add `drv` to the bus: its directory with `bind` and `unbind` appears. The
 * model passes the machine: driver lists are per host. @kernel drivers/base/bus.c
 */
export function bus_add_driver(m: Machine, drv: pci_driver): number {
  m.drivers.set(drv.name, drv);
  return 0;
}

/** bus_find_device_by_name - look a device up by name, sysfs_streq() style (a trailing newline is ignored). @kernel drivers/base/bus.c */
export function bus_find_device_by_name(m: Machine, name: string): device | null {
  const key = name.endsWith("\n") ? name.slice(0, -1) : name;
  return m.devices.get(key)?.dev ?? null;
}

/**
 * driver_match_device - ask the bus whether `drv` may bind `dev` (1) or not (0); a bus without a
 * match op accepts every pair. The kernel asks the driver's bus, the model the device's: it has
 * one bus. @kernel drivers/base/base.h (static inline)
 */
export function driver_match_device(drv: pci_driver, dev: device): number {
  return dev.bus?.match ? dev.bus.match(dev, drv) : 1;
}

/**
 * bind_store - bind the named device to `drv`: -ENODEV if there is no such device or the bus
 * does not match them (for PCI: driver_override and the driver's id table), -EBUSY (from
 * device_driver_attach) if a driver is bound; returns `count` on success. @kernel drivers/base/bus.c
 */
export function bind_store(m: Machine, drv: pci_driver, buf: string, count: number): number {
  return m.tracer.call("base", "bind_store", { driver: drv.name, buf }, () => {
    let err = -ENODEV;
    const dev = bus_find_device_by_name(m, buf);
    if (dev && driver_match_device(drv, dev)) {
      err = device_driver_attach(drv, dev);
      if (!err) err = count; // success
    }
    return err;
  });
}

/**
 * unbind_store - unbind the named device from `drv`: -ENODEV unless it is bound to `drv`.
 * MODEL DEVIATION: where the driver's remove would block (vfio-pci with a device fd open waits
 * in vfio_unregister_group_dev() until the fd is closed), a model call cannot wait: the driver's
 * `removeWouldBlock` says so, and unbind returns -EBUSY and changes nothing. @kernel drivers/base/bus.c
 */
export function unbind_store(m: Machine, drv: pci_driver, buf: string, count: number): number {
  return m.tracer.call("base", "unbind_store", { driver: drv.name, buf }, () => {
    const dev = bus_find_device_by_name(m, buf);
    if (!dev || dev.driver !== drv) return -ENODEV;
    if (drv.removeWouldBlock?.(dev.pdev)) return -EBUSY;
    device_driver_detach(dev);
    return count;
  });
}
