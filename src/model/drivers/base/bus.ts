/**
 * The driver directory's `bind` and `unbind` files.
 * @kernel drivers/base/bus.c
 */
import type { device, pci_driver } from "../../include/device";
import { EBUSY, ENODEV } from "../../include/errno";
import type { Machine } from "../../machine";
import type { vfio_pci_core_device } from "../vfio/pci/vfio_pci_core";
import { device_driver_attach, device_driver_detach } from "./dd";

/** bus_find_device_by_name - look a device up by name, sysfs_streq() style (a trailing newline is ignored). @kernel drivers/base/bus.c */
export function bus_find_device_by_name(m: Machine, name: string): device | null {
  const key = name.endsWith("\n") ? name.slice(0, -1) : name;
  return m.devices.get(key)?.dev ?? null;
}

/**
 * bind_store - bind the named device to `drv`: -ENODEV if there is no such device, -EBUSY
 * (from device_driver_attach) if a driver is bound; returns `count` on success.
 * The match step is taken as successful (as after `driver_override` or `new_id`).
 * @kernel drivers/base/bus.c
 */
export function bind_store(m: Machine, drv: pci_driver, buf: string, count: number): number {
  return m.tracer.call("base", "bind_store", { driver: drv.name, buf }, () => {
    let err = -ENODEV;
    const dev = bus_find_device_by_name(m, buf);
    if (dev) {
      err = device_driver_attach(drv, dev);
      if (!err) err = count; // success
    }
    return err;
  });
}

/**
 * unbind_store - unbind the named device from `drv`: -ENODEV unless it is bound to `drv`.
 * MODEL DEVIATION: with a VFIO device fd open, real vfio-pci blocks in vfio_unregister_group_dev()
 * until the fd is closed (and sends a REQ to the user); a model call cannot block, so it returns
 * -EBUSY and changes nothing. @kernel drivers/base/bus.c
 */
export function unbind_store(m: Machine, drv: pci_driver, buf: string, count: number): number {
  return m.tracer.call("base", "unbind_store", { driver: drv.name, buf }, () => {
    const dev = bus_find_device_by_name(m, buf);
    if (!dev || dev.driver !== drv) return -ENODEV;
    const vdev = dev.driver_data as vfio_pci_core_device | null;
    if (drv.name === "vfio-pci" && vdev && vdev.open_count > 0) return -EBUSY;
    device_driver_detach(dev);
    return count;
  });
}
