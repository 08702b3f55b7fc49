// Shows: the failure as reported: with QEMU 8.1, vector 8 means disable and re-enable 9 vectors, and the enable fails
import {
  createHost,
  formatTrace,
  KERNEL,
  PLATFORM,
  QEMU,
} from "msi-lifecycle";

// #region setup: the seed scenario up to the second VM's MSI-X enable
const host = createHost({
  kernel: KERNEL,
  qemu: QEMU,
  platform: PLATFORM,
});
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
vf.firmwareSetMsixCount(64);
vm = host.qemu(vf.bdf);
vm.enableMsix();
// #endregion

host.clearTrace();
vm.useVector(8);
// The call chain of the report, and the one index that does not fit.
const shown = host.trace.filter(
  (e) => e.fn !== "msi_insert_desc" || e.args.index === 8,
);
const only = [
  /^vfio_(msix_vector_do_use|disable_irqindex|enable_vectors)$/,
  /^(ioctl|error_report|vfio_pci_set_msi_trigger)$/,
  /^(vfio_msi_disable|vfio_msi_enable|pci_alloc_irq_vectors)$/,
  /^(__pci_enable_msix_range|msix_capability_init)$/,
  /^(msix_setup_msi_descs|msi_insert_desc)$/,
];
console.log(formatTrace(shown, { only }));

// Output (v6.5/qemu-8.1):
// vfio_msix_vector_do_use(nr=8) = 0
//   vfio_disable_irqindex(index=2)
//     ioctl(fd=19, request=VFIO_DEVICE_SET_IRQS, argsz=20, flags=DATA_NONE|ACTION_TRIGGER, index=2, start=0, count=0) = 0
//       vfio_pci_set_msi_trigger(index=2, start=0, count=0) = 0
//         vfio_msi_disable(msix=true)
//   vfio_enable_vectors(msix=true) = -1
//     ioctl(fd=19, request=VFIO_DEVICE_SET_IRQS, argsz=56, flags=DATA_EVENTFD|ACTION_TRIGGER, index=2, start=0, count=9, data="[20,-1,-1,-1,-1,-1,-1,-1,21]") = -34 ERANGE
//       vfio_pci_set_msi_trigger(index=2, start=0, count=9) = -34 ERANGE
//         vfio_msi_enable(nvec=9, msix=true) = -34 ERANGE
//           pci_alloc_irq_vectors(min_vecs=1, max_vecs=9) = -34 ERANGE
//             __pci_enable_msix_range(minvec=1, maxvec=9) = -34 ERANGE
//               msix_capability_init(nvec=9, tsize=64) = -34 ERANGE
//                 msix_setup_msi_descs(nvec=9) = -34 ERANGE
//                   msi_insert_desc(index=8, hwsize=8) = -34 ERANGE
//   error_report(msg="vfio: failed to enable vectors, -1")

// Output (v6.5+fix/qemu-8.1):
// vfio_msix_vector_do_use(nr=8) = 0
//   vfio_disable_irqindex(index=2)
//     ioctl(fd=19, request=VFIO_DEVICE_SET_IRQS, argsz=20, flags=DATA_NONE|ACTION_TRIGGER, index=2, start=0, count=0) = 0
//       vfio_pci_set_msi_trigger(index=2, start=0, count=0) = 0
//         vfio_msi_disable(msix=true)
//   vfio_enable_vectors(msix=true) = 0
//     ioctl(fd=19, request=VFIO_DEVICE_SET_IRQS, argsz=56, flags=DATA_EVENTFD|ACTION_TRIGGER, index=2, start=0, count=9, data="[20,-1,-1,-1,-1,-1,-1,-1,21]") = 0
//       vfio_pci_set_msi_trigger(index=2, start=0, count=9) = 0
//         vfio_msi_enable(nvec=9, msix=true) = 0
//           pci_alloc_irq_vectors(min_vecs=1, max_vecs=9) = 9
//             __pci_enable_msix_range(minvec=1, maxvec=9) = 9
//               msix_capability_init(nvec=9, tsize=64) = 0
//                 msix_setup_msi_descs(nvec=9) = 0
//                   msi_insert_desc(index=8, hwsize=64) = 0
