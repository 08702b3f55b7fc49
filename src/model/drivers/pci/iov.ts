/**
 * SR-IOV sysfs files of the VF MSI-X interface: `sriov_vf_msix_count` (VF, write-only) and
 * `sriov_vf_total_msix` (PF). The in-tree way to change a VF's Table Size.
 * @kernel drivers/pci/iov.c (Leon Romanovsky's series, about v5.13; UNVERIFIED release)
 */
import type { device } from "../../include/device";
import { EBUSY, EINVAL, EOPNOTSUPP, ERANGE } from "../../include/errno";

/**
 * kstrtoint - parse an int with base auto-detection (0x hex, 0 octal), an optional sign and one
 * trailing newline. -EINVAL on junk, -ERANGE on overflow. @kernel lib/kstrtox.c
 */
export function kstrtoint(s: string, base: number, res: { value: number }): number {
  void base; // the model supports base 0 only, the one iov.c uses
  const m = /^([+-]?)(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)\n?$/i.exec(s);
  if (!m) return -EINVAL;
  const body = m[2]!;
  const mag = body.toLowerCase().startsWith("0x")
    ? Number.parseInt(body.slice(2), 16)
    : body.startsWith("0")
      ? Number.parseInt(body, 8)
      : Number.parseInt(body, 10);
  const v = m[1] === "-" ? -mag : mag;
  if (v > 0x7fffffff || v < -0x80000000) return -ERANGE;
  res.value = v;
  return 0;
}

/**
 * sriov_vf_msix_count_store - set a VF's MSI-X Table Size through its PF driver. Bad or negative
 * input → -EINVAL; PF driver without `sriov_set_msix_vec_count` → -EOPNOTSUPP; a driver bound to
 * the VF → -EBUSY ("A driver is already attached to this VF and has configured itself based on
 * the current MSI-X vector count. Changing the vector size could mess up the driver, so block
 * it."). Returns `count` on success. @kernel drivers/pci/iov.c
 */
export function sriov_vf_msix_count_store(dev: device, buf: string, count: number): number {
  return dev.machine.tracer.call("pci", "sriov_vf_msix_count_store", { buf }, () => {
    const vf_dev = dev.pdev;
    const pdev = vf_dev.physfn ?? vf_dev;
    const val = { value: 0 };
    if (kstrtoint(buf, 0, val) < 0) return -EINVAL;
    if (val.value < 0) return -EINVAL;
    let ret: number;
    const pdrv = pdev.dev.driver;
    if (!pdrv || !pdrv.sriov_set_msix_vec_count) {
      ret = -EOPNOTSUPP; // goto err_pdev
    } else if (vf_dev.dev.driver) {
      ret = -EBUSY; // goto err_dev
    } else {
      ret = pdrv.sriov_set_msix_vec_count(vf_dev, val.value);
    }
    return ret ? ret : count;
  });
}

/** sriov_vf_total_msix_show - the PF's VF MSI-X pool, 0 without the PF callback. @kernel drivers/pci/iov.c */
export function sriov_vf_total_msix_show(dev: device): string {
  const drv = dev.driver;
  const total = drv?.sriov_get_vf_total_msix ? drv.sriov_get_vf_total_msix(dev.pdev) : 0;
  return `${total}\n`;
}
