// Shows: the kernel reads the Table Size from config space when it enables MSI-X, and sizes the table mapping from it
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

// #region setup: a VF with 8 entries, bound to vfio-pci, opened by QEMU
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const vm = host.qemu(vf.bdf);
// #endregion

host.clearTrace();
vm.enableMsix();
const calls = "__pci_enable_msix_range pci_msix_vec_count msix_capability_init";
console.log(formatTrace(host.trace, { only: calls.split(" ") }));

// Output (v6.5):
// __pci_enable_msix_range(minvec=1, maxvec=1) = 1
//   pci_msix_vec_count() = 8
//   msix_capability_init(nvec=1, tsize=8) = 0
//     pci_msix_vec_count() = 8
