// Shows: the kernel calls behind the failing VFIO_DEVICE_SET_IRQS, from the ioctl down to msi_insert_desc()
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

// #region setup: the seed scenario up to the second VM's MSI-X enable
const host = createHost({ kernel: KERNEL });
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
console.log(formatTrace(host.trace, { maxDepth: 20 }));

// Output (v6.5):
// vfio_msix_vector_do_use(nr=8) = -34 ERANGE
//   vfio_device_irq_set_signaling(index=2, subindex=8, fd=20) = -34 ERANGE
//     ioctl(fd=19, request=VFIO_DEVICE_SET_IRQS, argsz=24, flags=DATA_EVENTFD|ACTION_TRIGGER, index=2, start=8, count=1, data=[20]) = -34 ERANGE
//       vfio_pci_ioctl_set_irqs() = -34 ERANGE
//         vfio_pci_get_irq_count(irq_type=2) = 64
//         vfio_pci_set_irqs_ioctl(flags=DATA_EVENTFD|ACTION_TRIGGER, index=2, start=8, count=1) = -34 ERANGE
//           vfio_pci_set_msi_trigger(index=2, start=8, count=1) = -34 ERANGE
//             vfio_msi_set_block(start=8, count=1) = -34 ERANGE
//               vfio_msi_set_vector_signal(vector=8, fd=20) = -34 ERANGE
//                 vfio_msi_alloc_irq(vector=8) = -34 ERANGE
//                   pci_irq_vector(nr=8) = -22 EINVAL
//                   vfio_pci_memory_lock_and_enable() = 2
//                   pci_msix_alloc_irq_at(index=8) = {index: -34} ERANGE
//                     pci_msix_can_alloc_dyn() = true
//                     msi_domain_alloc_irq_at(domid=0, index=8) = {index: -34} ERANGE
//                       __msi_domain_alloc_irq_at(domid=0, index=8) = {index: -34} ERANGE
//                         msi_insert_desc(index=8, hwsize=8) = -34 ERANGE
//                   vfio_pci_memory_unlock_and_restore(cmd=2)
//               vfio_msi_set_vector_signal(vector=8, fd=-1) = 0

// Output (v6.5+fix):
// vfio_msix_vector_do_use(nr=8) = 0
//   vfio_device_irq_set_signaling(index=2, subindex=8, fd=20) = 0
//     ioctl(fd=19, request=VFIO_DEVICE_SET_IRQS, argsz=24, flags=DATA_EVENTFD|ACTION_TRIGGER, index=2, start=8, count=1, data=[20]) = 0
//       vfio_pci_ioctl_set_irqs() = 0
//         vfio_pci_get_irq_count(irq_type=2) = 64
//         vfio_pci_set_irqs_ioctl(flags=DATA_EVENTFD|ACTION_TRIGGER, index=2, start=8, count=1) = 0
//           vfio_pci_set_msi_trigger(index=2, start=8, count=1) = 0
//             vfio_msi_set_block(start=8, count=1) = 0
//               vfio_msi_set_vector_signal(vector=8, fd=20) = 0
//                 vfio_msi_alloc_irq(vector=8) = 49
//                   pci_irq_vector(nr=8) = -22 EINVAL
//                   vfio_pci_memory_lock_and_enable() = 2
//                   pci_msix_alloc_irq_at(index=8) = {index: 8, virq: 49}
//                     pci_msix_can_alloc_dyn() = true
//                     msi_domain_alloc_irq_at(domid=0, index=8) = {index: 8, virq: 49}
//                       __msi_domain_alloc_irq_at(domid=0, index=8) = {index: 8, virq: 49}
//                         msi_insert_desc(index=8, hwsize=64) = 0
//                   vfio_pci_memory_unlock_and_restore(cmd=2)
//                 vfio_pci_memory_lock_and_enable() = 2
//                 request_irq(irq=49, handler=vfio_msihandler, flags=0, name="vfio-msix[8](0000:2e:00.1)", trigger=20) = 0
//                 vfio_pci_memory_unlock_and_restore(cmd=2)
