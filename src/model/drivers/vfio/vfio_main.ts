/**
 * The VFIO core: device registration, the open count behind a device fd (the first open runs
 * the driver's open_device, the last close its close_device), the device fd's ioctl and release,
 * and the SET_IRQS header check shared by vfio-pci and other drivers.
 * @kernel drivers/vfio/vfio_main.c (v6.5 names; v6.6 renamed the open/close pair
 * vfio_df_open()/vfio_df_close() when it added device cdevs, see vfio_device_open(); the SET_IRQS
 * checks read in several copies are unchanged v5.x–v6.17)
 */
import { EINVAL } from "../../include/errno";
import type { file } from "../../include/fs";
import {
  VFIO_IRQ_SET_ACTION_TYPE_MASK,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_IRQ_SET_DATA_TYPE_MASK,
  VFIO_IRQ_SET_HDR_SIZE,
  type vfio_irq_set,
} from "../../include/uapi_vfio";
import type { vfio_device } from "../../include/vfio";
import { vfio_device_group_close } from "./group";

const U32_MAX = 0xffffffff;

/* Registration */

/**
 * vfio_register_group_dev - make `device` visible to user space: it joins the device list that
 * VFIO_GROUP_GET_DEVICE_FD searches. @kernel drivers/vfio/vfio_main.c (__vfio_register_dev();
 * the list is vfio_device_group_register()'s, drivers/vfio/group.c)
 */
export function vfio_register_group_dev(device: vfio_device): number {
  device.dev.machine.vfio_device_list.push(device);
  return 0;
}

/**
 * vfio_unregister_group_dev - take `device` off the list. The kernel then waits until the last
 * device fd is closed, asking the user through the driver's request op; the model never gets
 * here with an fd open (see vfioDeviceInUse). @kernel drivers/vfio/vfio_main.c
 */
export function vfio_unregister_group_dev(device: vfio_device): void {
  const list = device.dev.machine.vfio_device_list;
  const i = list.indexOf(device);
  if (i >= 0) list.splice(i, 1);
}

/**
 * True while a device fd is open: vfio_unregister_group_dev() would block until it is closed.
 * The model's own question (no kernel function): the driver asks it before unbinding.
 */
export function vfioDeviceInUse(device: vfio_device): boolean {
  return device.open_count > 0;
}

/* Open and close */

/**
 * vfio_device_first_open - the driver's open_device (module reference and IOMMU use omitted).
 * @kernel drivers/vfio/vfio_main.c (v6.5; vfio_df_device_first_open() from v6.6)
 */
export function vfio_device_first_open(device: vfio_device): number {
  return device.ops.open_device ? device.ops.open_device(device) : 0;
}

/**
 * vfio_device_last_close - the driver's close_device. @kernel drivers/vfio/vfio_main.c (v6.5;
 * vfio_df_device_last_close() from v6.6)
 */
export function vfio_device_last_close(device: vfio_device): void {
  if (device.ops.close_device) device.ops.close_device(device);
}

/**
 * vfio_device_open - count one more open; the first one runs vfio_device_first_open(), and a
 * failure there takes the count back. Later opens share the device without calling the driver.
 * @kernel drivers/vfio/vfio_main.c (v6.5 text as removed by "vfio: Pass struct vfio_device_file *
 * to vfio_device_open/close()", Message-ID 20230718135551.6592-7-yi.l.liu@intel.com, which
 * renamed it vfio_df_open() for v6.6-rc1: VFIO pull 20230830161456.646826da.alex.williamson@redhat.com)
 */
export function vfio_device_open(device: vfio_device): number {
  let ret = 0;
  device.open_count++;
  if (device.open_count === 1) {
    ret = vfio_device_first_open(device);
    if (ret) device.open_count--;
  }
  return ret;
}

/**
 * vfio_device_close - the last close runs vfio_device_last_close(), then the count drops.
 * @kernel drivers/vfio/vfio_main.c (v6.5; vfio_df_close() from v6.6, same sources as vfio_device_open)
 */
export function vfio_device_close(device: vfio_device): void {
  if (device.open_count === 1) vfio_device_last_close(device);
  device.open_count--;
}

/* The device fd's file operations */

/**
 * vfio_device_fops_unl_ioctl - a device fd's ioctl: the driver's ioctl op (VFIO_DEVICE_FEATURE,
 * handled by the core itself, is not modelled). @kernel drivers/vfio/vfio_main.c
 */
export function vfio_device_fops_unl_ioctl(
  filep: Extract<file, { f_op: "vfio_device_fops" }>,
  cmd: number,
  arg: Record<string, unknown>,
): number {
  const device = filep.private_data;
  if (!device.ops.ioctl) return -EINVAL;
  return device.ops.ioctl(device, cmd, arg);
}

/**
 * vfio_device_fops_release - the last reference to a device fd is gone: close the device through
 * the group path (drivers/vfio/group.c). The registration reference the fd held is not modelled.
 * @kernel drivers/vfio/vfio_main.c
 */
export function vfio_device_fops_release(filep: Extract<file, { f_op: "vfio_device_fops" }>): number {
  vfio_device_group_close(filep.private_data);
  return 0;
}

/* SET_IRQS */

/**
 * vfio_set_irqs_validate_and_prepare - validate a SET_IRQS header against `num_irqs` (the LIVE
 * count from the caller): argsz, index, flags, exactly one DATA_ type, `start >= num_irqs` or
 * `start + count > num_irqs` → -EINVAL, and room in argsz for `count` data elements.
 * Only the DATA_ type is checked here; a missing or doubled ACTION_ fails later with -ENOTTY
 * (vfio_pci_set_irqs_ioctl finds no handler).
 * @kernel drivers/vfio/vfio_main.c
 * @returns 0 or -EINVAL; `out.data_size` receives count * element size
 */
export function vfio_set_irqs_validate_and_prepare(
  hdr: vfio_irq_set,
  num_irqs: number,
  max_irq_type: number,
  data_size: { value: number },
): number {
  const minsz = VFIO_IRQ_SET_HDR_SIZE;
  if (
    hdr.argsz < minsz ||
    hdr.index >= max_irq_type ||
    hdr.count >= U32_MAX - hdr.start ||
    hdr.flags & ~(VFIO_IRQ_SET_DATA_TYPE_MASK | VFIO_IRQ_SET_ACTION_TYPE_MASK)
  ) {
    return -EINVAL;
  }
  data_size.value = 0;
  if (hdr.start >= num_irqs || hdr.start + hdr.count > num_irqs) return -EINVAL;
  let size: number;
  switch (hdr.flags & VFIO_IRQ_SET_DATA_TYPE_MASK) {
    case VFIO_IRQ_SET_DATA_NONE:
      size = 0;
      break;
    case VFIO_IRQ_SET_DATA_BOOL:
      size = 1;
      break;
    case VFIO_IRQ_SET_DATA_EVENTFD:
      size = 4;
      break;
    default:
      return -EINVAL;
  }
  if (size) {
    if (hdr.argsz - minsz < hdr.count * size) return -EINVAL;
    data_size.value = hdr.count * size;
  }
  return 0;
}
