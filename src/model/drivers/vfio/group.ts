/**
 * The VFIO group path to a device fd: VFIO_GROUP_GET_DEVICE_FD looks the device up by name and
 * opens it; the fd's release closes it again. The group fd, its container and the IOMMU are not
 * modelled: the user is taken to have set them up.
 * @kernel drivers/vfio/group.c (v6.5 names; v6.6 renamed the open/close pair
 * vfio_df_group_open()/vfio_df_group_close())
 */
import { ENODEV } from "../../include/errno";
import type { file } from "../../include/fs";
import type { vfio_device } from "../../include/vfio";
import { allocFd, type Machine } from "../../machine";
import { vfio_device_close, vfio_device_open } from "./vfio_main";

/**
 * vfio_device_get_from_name - the registered device whose dev_name() is `buf`, or -ENODEV (no
 * driver's `match` op: vfio-pci has none). The model passes the machine: it has one device list.
 * @kernel drivers/vfio/group.c
 */
export function vfio_device_get_from_name(m: Machine, buf: string): vfio_device | number {
  return m.vfio_device_list.find((it) => it.dev.name === buf) ?? -ENODEV;
}

/**
 * vfio_device_group_open - open the device for the group's user (group lock, container check and
 * KVM reference omitted). @kernel drivers/vfio/group.c (v6.5; vfio_df_group_open() from v6.6)
 */
export function vfio_device_group_open(device: vfio_device): number {
  return vfio_device_open(device);
}

/** vfio_device_group_close - close it again. @kernel drivers/vfio/group.c (v6.5; vfio_df_group_close() from v6.6) */
export function vfio_device_group_close(device: vfio_device): void {
  vfio_device_close(device);
}

/**
 * vfio_device_open_file - open the device and wrap it in a file with vfio_device_fops.
 * @kernel drivers/vfio/group.c
 */
export function vfio_device_open_file(device: vfio_device): file | number {
  const ret = vfio_device_group_open(device);
  if (ret) return ret;
  return { f_op: "vfio_device_fops", private_data: device }; // anon_inode_getfile("[vfio-device]", ...)
}

/**
 * vfio_group_ioctl_get_device_fd - VFIO_GROUP_GET_DEVICE_FD: find the device by name, open it,
 * install the file; returns the new fd or -errno. The kernel reserves the fd number before the
 * open; the model takes it after, so a failed open leaves no gap in its (never reused) numbering.
 * @kernel drivers/vfio/group.c
 */
export function vfio_group_ioctl_get_device_fd(m: Machine, buf: string): number {
  const device = vfio_device_get_from_name(m, buf);
  if (typeof device === "number") return device;
  const filep = vfio_device_open_file(device);
  if (typeof filep === "number") return filep;
  const fdno = allocFd(m); // get_unused_fd_flags()
  m.files.set(fdno, filep); // fd_install()
  return fdno;
}
