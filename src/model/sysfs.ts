/**
 * Scaffolding: the sysfs paths the model exposes, routed to the kernel store/show functions.
 * Writes return 0 or a negative errno (a real write(2) returns the byte count on success).
 */

import { bind_store, unbind_store } from "./drivers/base/bus";
import { sriov_vf_msix_count_store, sriov_vf_total_msix_show } from "./drivers/pci/iov";
import { EACCES, ENOENT, EPERM } from "./include/errno";
import type { Machine } from "./machine";

const DEV_RE = /^\/sys\/bus\/pci\/devices\/([^/]+)\/(.+)$/;
const DRV_RE = /^\/sys\/bus\/pci\/drivers\/([^/]+)\/(bind|unbind)$/;

/** The device a path or written value concerns, if it exists (for trace snapshots). */
export function sysfsBdf(m: Machine, path: string, value: string): string | undefined {
  const d = DEV_RE.exec(path);
  const bdf = d ? d[1]! : value.trim();
  return m.devices.has(bdf) ? bdf : undefined;
}

/**
 * Write `value` to `path`:
 * - /sys/bus/pci/drivers/<driver>/{bind,unbind} (value = bdf) for a registered driver (vfio-pci)
 * - /sys/bus/pci/devices/<bdf>/driver/unbind (value = bdf; -ENOENT without a driver: the
 *   `driver` link does not exist). Unbinding a PF driver is not modelled: -EPERM.
 * - /sys/bus/pci/devices/<vf>/sriov_vf_msix_count (VFs only)
 * Anything else: -ENOENT.
 */
export function sysfsWrite(m: Machine, path: string, value: string): number {
  const count = value.length;
  let ret = -ENOENT;
  const drv = DRV_RE.exec(path);
  if (drv) {
    const driver = m.drivers.get(drv[1]!);
    if (!driver) return -ENOENT;
    ret = drv[2] === "bind" ? bind_store(m, driver, value, count) : unbind_store(m, driver, value, count);
  } else {
    const d = DEV_RE.exec(path);
    const pdev = d ? m.devices.get(d[1]!) : undefined;
    if (!d || !pdev) return -ENOENT;
    if (d[2] === "driver/unbind") {
      const bound = pdev.dev.driver;
      if (!bound) return -ENOENT;
      if (!pdev.is_virtfn) return -EPERM;
      ret = unbind_store(m, bound, value, count);
    } else if (d[2] === "sriov_vf_msix_count" && pdev.is_virtfn) {
      ret = sriov_vf_msix_count_store(pdev.dev, value, count);
    }
  }
  return ret < 0 ? ret : 0;
}

/**
 * Read `path`:
 * - .../<bdf>/driver → the bound driver's name, or null when the link is absent
 * - .../<bdf>/driver_override → e.g. "vfio-pci\n", "(null)\n" when unset (driver_override_show)
 * - .../<vf>/sriov_vf_msix_count → -EACCES (DEVICE_ATTR_WO: kernfs refuses a read open)
 * - .../<pf>/sriov_vf_total_msix → e.g. "2048\n"
 * Anything else: -ENOENT.
 */
export function sysfsRead(m: Machine, path: string): string | null | number {
  const d = DEV_RE.exec(path);
  const pdev = d ? m.devices.get(d[1]!) : undefined;
  if (!d || !pdev) return -ENOENT;
  if (d[2] === "driver") return pdev.dev.driver?.name ?? null;
  if (d[2] === "driver_override") return `${pdev.driver_override ?? "(null)"}\n`;
  if (d[2] === "sriov_vf_msix_count" && pdev.is_virtfn) return -EACCES;
  if (d[2] === "sriov_vf_total_msix" && !pdev.is_virtfn) return sriov_vf_total_msix_show(pdev.dev);
  return -ENOENT;
}
