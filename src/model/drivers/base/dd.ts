/**
 * Driver binding: attach runs the driver's probe; detach runs remove and then releases all
 * devres resources, which is what frees the MSI device data and its per-device domains.
 * @kernel drivers/base/dd.c (device_unbind_cleanup() starts with devres_release_all(); quoted
 * at gregkh/linux v6.18.38 L608-L621)
 */
import type { device, pci_driver } from "../../include/device";
import { EBUSY } from "../../include/errno";
import { devres_release_all } from "./devres";

/**
 * device_unbind_cleanup - `devres_release_all(dev)` first, then clear the driver fields.
 * @kernel drivers/base/dd.c (v6.x)
 */
export function device_unbind_cleanup(dev: device): void {
  dev.machine.tracer.call("base", "device_unbind_cleanup", {}, () => {
    devres_release_all(dev);
    dev.driver = null;
    dev.driver_data = null;
  });
}

/**
 * device_driver_attach - bind `drv` to `dev`: -EBUSY if a driver is already bound
 * (__driver_probe_device), else probe; on probe failure clean up.
 * @kernel drivers/base/dd.c
 */
export function device_driver_attach(drv: pci_driver, dev: device): number {
  return dev.machine.tracer.call("base", "device_driver_attach", { driver: drv.name }, () => {
    if (dev.driver) return -EBUSY;
    dev.driver = drv; // really_probe(): dev->driver is set before ->probe()
    const ret = drv.probe(dev.pdev);
    if (ret) device_unbind_cleanup(dev); // probe_failed:
    return ret;
  });
}

/**
 * device_driver_detach - unbind: the driver's remove, then device_unbind_cleanup().
 * @kernel drivers/base/dd.c (device_release_driver_internal → __device_release_driver)
 */
export function device_driver_detach(dev: device): void {
  dev.machine.tracer.call("base", "device_driver_detach", { driver: dev.driver?.name ?? null }, () => {
    const drv = dev.driver;
    if (!drv) return;
    drv.remove(dev.pdev);
    device_unbind_cleanup(dev);
  });
}
