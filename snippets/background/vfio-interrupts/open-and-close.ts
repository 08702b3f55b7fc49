// Shows: opening the fd probes has_dyn_msix and allocates nothing; closing it runs vfio_msi_disable() through vfio_pci_core_disable()
import {
  createHost,
  formatTrace,
  irqSetArgsz,
  KERNEL,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type VfioDeviceFd,
} from "msi-lifecycle";

// #region setup: a VF with 8 MSI-X entries, bound to vfio-pci
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
host.clearTrace();
// #endregion

const fd = host.vfio.open(vf.bdf) as VfioDeviceFd;
console.log(formatTrace(host.trace));
const { hasDynMsix, domain, descriptors } = host.inspect(vf.bdf);
console.log(JSON.stringify({ hasDynMsix, domain, descriptors }));

// #region setup: enable MSI-X with one vector, no trigger (QEMU's first step)
fd.ioctl(VFIO_DEVICE_SET_IRQS, {
  argsz: irqSetArgsz(1, "eventfd"),
  flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
  index: VFIO_PCI_MSIX_IRQ_INDEX,
  start: 0,
  count: 1,
  data: [-1],
});
host.clearTrace();
// #endregion

fd.close();
const only = [
  "close",
  "vfio_pci_core_close_device",
  "vfio_pci_core_disable",
  "vfio_pci_set_msi_trigger",
  "vfio_msi_disable",
  "pci_free_irq_vectors",
];
console.log(formatTrace(host.trace, { only }));

// Output (v6.5):
// ioctl(request=VFIO_GROUP_GET_DEVICE_FD, name=0000:2e:00.1) = 10
//   vfio_pci_open_device() = 0
//     vfio_pci_core_enable() = 0
//       pci_msix_can_alloc_dyn() = true
// {"hasDynMsix":true,"domain":null,"descriptors":[]}
// close(fd=10) = 0
//   vfio_pci_core_close_device()
//     vfio_pci_core_disable()
//       vfio_pci_set_msi_trigger(index=2, start=0, count=0) = 0
//         vfio_msi_disable(msix=true)
//           pci_free_irq_vectors()
