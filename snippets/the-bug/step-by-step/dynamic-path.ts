// Shows: on v6.5 the dynamic path fails one layer down: pci_msix_alloc_irq_at() → msi_insert_desc()
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

// #region setup: 8 vectors, close, the table grows to 64, a new QEMU enables MSI-X
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
vf.firmwareSetMsixCount(64);
vm = host.qemu(vf.bdf);
// #endregion

host.clearTrace();
vm.enableMsix(); // SET_IRQS(start 0, count 1, fd -1)
console.log(
  formatTrace(host.trace, {
    only: [
      "vfio_msi_enable",
      "__pci_enable_msix_range",
      "pci_setup_msix_device_domain",
      "pci_create_device_domain",
      "msi_create_device_irq_domain",
      "msi_insert_desc",
    ],
  }),
);
host.clearTrace();
vm.useVector(8); // SET_IRQS(start 8, count 1, fd)
console.log(
  formatTrace(host.trace, {
    only: ["vfio_pci_get_irq_count", "vfio_msi_alloc_irq", "pci_msix_alloc_irq_at", "msi_insert_desc", "request_irq"],
  }),
);

// Output (v6.5):
// vfio_msi_enable(nvec=1, msix=true) = 0
//   __pci_enable_msix_range(minvec=1, maxvec=1) = 1
//     pci_setup_msix_device_domain(hwsize=64, reused_hwsize=8) = true
//     msi_insert_desc(index=0, hwsize=8) = 0
// vfio_pci_get_irq_count(irq_type=2) = 64
// vfio_msi_alloc_irq(vector=8) = -34 ERANGE
//   pci_msix_alloc_irq_at(index=8) = {index: -34} ERANGE
//     msi_insert_desc(index=8, hwsize=8) = -34 ERANGE

// Output (v6.5+fix):
// vfio_msi_enable(nvec=1, msix=true) = 0
//   __pci_enable_msix_range(minvec=1, maxvec=1) = 1
//     pci_setup_msix_device_domain(hwsize=64) = true
//       pci_create_device_domain(hwsize=64) = true
//         msi_create_device_irq_domain(domid=0, hwsize=64) = true
//     msi_insert_desc(index=0, hwsize=64) = 0
// vfio_pci_get_irq_count(irq_type=2) = 64
// vfio_msi_alloc_irq(vector=8) = 49
//   pci_msix_alloc_irq_at(index=8) = {index: 8, virq: 49}
//     msi_insert_desc(index=8, hwsize=64) = 0
// request_irq(irq=49, handler=vfio_msihandler, flags=0, name="vfio-msix[8](0000:2e:00.1)", trigger=20) = 0
