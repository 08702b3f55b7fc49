/**
 * Device resource management, reduced to what MSI device data needs.
 * @kernel drivers/base/devres.c
 */
import type { device, devres } from "../../include/device";

/** devres_add - register a managed resource of `dev`. @kernel drivers/base/devres.c */
export function devres_add(dev: device, res: devres): void {
  dev.devres_head.push(res);
}

/**
 * devres_release_all - release every managed resource of `dev`, newest first.
 * Runs from device_unbind_cleanup() when a driver unbinds. @kernel drivers/base/devres.c
 * @returns the number of resources released
 */
export function devres_release_all(dev: device): number {
  return dev.machine.tracer.call("base", "devres_release_all", {}, () => {
    let n = 0;
    while (dev.devres_head.length) {
      const res = dev.devres_head.pop()!;
      res.release(dev, res.data);
      n++;
    }
    return n;
  });
}
