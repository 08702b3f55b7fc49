// Shows: the kernel path of one added vector: vfio_msi_alloc_irq() finds no IRQ and calls pci_msix_alloc_irq_at()
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

// #region setup: QEMU enables MSI-X and the guest unmasks vector 0
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const vm = host.qemu(vf.bdf);
vm.enableMsix();
vm.useVector(0);
host.clearTrace();
// #endregion

vm.useVector(5);
const only = [/^vfio_msi_(set|alloc)/, /^pci_/, "msi_insert_desc"];
console.log(formatTrace(host.trace, { only }));

// Output (v6.5):
// vfio_msi_set_block(start=5, count=1) = 0
//   vfio_msi_set_vector_signal(vector=5, fd=12) = 0
//     vfio_msi_alloc_irq(vector=5) = 41
//       pci_irq_vector(nr=5) = -22 EINVAL
//       pci_msix_alloc_irq_at(index=5) = {index: 5, virq: 41}
//         pci_msix_can_alloc_dyn() = true
//         msi_insert_desc(index=5, hwsize=8) = 0
