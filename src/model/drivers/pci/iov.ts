/**
 * SR-IOV sysfs files of the VF MSI-X interface: `sriov_vf_msix_count` (VF, write-only) and
 * `sriov_vf_total_msix` (PF). The in-tree way to change a VF's Table Size.
 * @kernel drivers/pci/iov.c (v5.13: c3d5c2d96d69 "PCI/IOV: Add sysfs MSI-X vector assignment
 * interface", Leon Romanovsky, v8 Message-ID 20210314124256.70253-2-leon@kernel.org; pulled from the
 * mlx5-next branch, based on v5.12-rc2, into the v5.13 networking merge)
 */
import type { device } from "../../include/device";
import { EBUSY, EINVAL, EOPNOTSUPP } from "../../include/errno";
import { kstrtoint } from "../../lib/kstrtox";

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
