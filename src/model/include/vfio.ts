/**
 * `struct vfio_device` and `struct vfio_device_ops`: what the VFIO core knows of a device and
 * the callbacks a VFIO driver (vfio-pci) gives it.
 * @kernel include/linux/vfio.h
 */
import type { device } from "./device";

/** `struct vfio_device_ops`, reduced to the callbacks the story runs. */
export interface vfio_device_ops {
  name: string;
  /** Runs on the first open of the device (vfio-pci: vfio_pci_open_device). */
  open_device?(vdev: vfio_device): number;
  /** Runs on the last close (vfio-pci: vfio_pci_core_close_device). */
  close_device?(vdev: vfio_device): void;
  /** The device fd's ioctls (vfio-pci: vfio_pci_core_ioctl); `arg` stands for user memory. */
  ioctl?(vdev: vfio_device, cmd: number, arg: Record<string, unknown>): number;
}

/**
 * `struct vfio_device`, reduced. A driver's device struct embeds it (vfio-pci's
 * `vfio_pci_core_device` extends it), so container_of() is a cast in the model.
 */
export interface vfio_device {
  /** The underlying `struct device` (the PCI function's). */
  dev: device;
  ops: vfio_device_ops;
  /** Open device fds: the first open runs `ops.open_device`, the last close `ops.close_device`. */
  open_count: number;
}
