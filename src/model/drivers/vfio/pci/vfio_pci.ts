/**
 * The vfio-pci driver: probe and remove, and its vfio_device_ops with open_device.
 * @kernel drivers/vfio/pci/vfio_pci.c
 */
import type { pci_driver } from "../../../include/device";
import { PCI_ANY_ID, type pci_dev } from "../../../include/pci";
import type { vfio_device, vfio_device_ops } from "../../../include/vfio";
import type { Machine } from "../../../machine";
import { pci_register_driver } from "../../pci/pci-driver";
import { vfioDeviceInUse } from "../vfio_main";
import {
  vfio_pci_core_close_device,
  type vfio_pci_core_device,
  vfio_pci_core_enable,
  vfio_pci_core_init_dev,
  vfio_pci_core_ioctl,
  vfio_pci_core_register_device,
  vfio_pci_core_unregister_device,
} from "./vfio_pci_core";

/**
 * vfio_pci_open_device - ops->open_device of vfio-pci, run by the VFIO core on the first open:
 * vfio_pci_core_enable(), then (IGD quirk and vfio_pci_core_finish_enable() aside, neither of
 * which touches MSI) success. @kernel drivers/vfio/pci/vfio_pci.c
 */
export function vfio_pci_open_device(core_vdev: vfio_device): number {
  const vdev = core_vdev as vfio_pci_core_device; // container_of(core_vdev, struct vfio_pci_core_device, vdev)
  return vdev.pdev.dev.machine.tracer.call("vfio", "vfio_pci_open_device", {}, () => {
    const ret = vfio_pci_core_enable(vdev);
    if (ret) return ret;
    return 0;
  });
}

/** vfio-pci's `struct vfio_device_ops` (the callbacks the story runs). @kernel drivers/vfio/pci/vfio_pci.c */
export const vfio_pci_ops: vfio_device_ops = Object.freeze<vfio_device_ops>({
  name: "vfio-pci",
  open_device: vfio_pci_open_device,
  close_device: vfio_pci_core_close_device,
  ioctl: vfio_pci_core_ioctl,
});

/**
 * vfio_pci_probe - allocate the vfio-pci core device with vfio_pci_ops and register it with the
 * VFIO core. @kernel drivers/vfio/pci/vfio_pci.c
 */
export function vfio_pci_probe(pdev: pci_dev): number {
  return pdev.dev.machine.tracer.call("vfio", "vfio_pci_probe", {}, () => {
    const vdev = vfio_pci_core_init_dev(pdev, vfio_pci_ops); // vfio_alloc_device()
    pdev.dev.driver_data = vdev; // dev_set_drvdata()
    const ret = vfio_pci_core_register_device(vdev);
    if (ret) pdev.dev.driver_data = null; // out_put_vdev:
    return ret;
  });
}

/**
 * vfio_pci_remove - unregister the device. The real vfio_unregister_group_dev() blocks until every
 * device fd is closed; the model's unbind refuses with -EBUSY before getting here (see
 * `removeWouldBlock` below and unbind_store()). @kernel drivers/vfio/pci/vfio_pci.c
 */
export function vfio_pci_remove(pdev: pci_dev): void {
  pdev.dev.machine.tracer.call("vfio", "vfio_pci_remove", {}, () => {
    const vdev = pdev.dev.driver_data as vfio_pci_core_device | null;
    if (vdev) vfio_pci_core_unregister_device(vdev);
    pdev.dev.driver_data = null;
  });
}

/**
 * The vfio-pci `struct pci_driver`. Its id table matches any device, but only through
 * driver_override ("match all by default", PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_ANY_ID, PCI_ANY_ID)).
 */
export const vfio_pci_driver: pci_driver = Object.freeze<pci_driver>({
  name: "vfio-pci",
  id_table: Object.freeze([Object.freeze({ vendor: PCI_ANY_ID, device: PCI_ANY_ID, override_only: true })]),
  probe: vfio_pci_probe,
  remove: vfio_pci_remove,
  removeWouldBlock: (pdev) => {
    const vdev = pdev.dev.driver_data as vfio_pci_core_device | null;
    return !!vdev && vfioDeviceInUse(vdev);
  },
});

/**
 * vfio_pci_init - module init: register vfio-pci on the PCI bus (the driver-override and
 * denylist module parameters aside). The model passes the machine: driver lists are per host.
 * @kernel drivers/vfio/pci/vfio_pci.c
 */
export function vfio_pci_init(m: Machine): number {
  return pci_register_driver(m, vfio_pci_driver);
}
