// Shows: HYPOTHETICAL, not upstream: the warning the maintainers suggested, which reports the change and still fails
import { createHost, errnoName, formatTrace, KERNEL } from "msi-lifecycle";

// #region setup: 8 vectors, close, the firmware grows the table to 64
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
vf.firmwareSetMsixCount(64);
// #endregion

host.clearTrace();
vm = host.qemu(vf.bdf);
vm.enableMsix();
const ret = vm.useVector(8);
console.log(formatTrace(host.trace, { only: ["pci_setup_msix_device_domain", "WARN_ON_ONCE", "msi_insert_desc"] }));
console.log("useVector(8) =", ret < 0 ? `${ret} ${errnoName(ret)}` : ret);

// Output (v6.5):
// pci_setup_msix_device_domain(hwsize=64, reused_hwsize=8) = true
// msi_insert_desc(index=0, hwsize=8) = 0
// msi_insert_desc(index=8, hwsize=8) = -34 ERANGE
// useVector(8) = -34 ERANGE

// Output (v6.5+warn):
// pci_setup_msix_device_domain(hwsize=64, reused_hwsize=8) = true
//   WARN_ON_ONCE(condition="hwsize != info->hwsize") = true
// msi_insert_desc(index=0, hwsize=8) = 0
// msi_insert_desc(index=8, hwsize=8) = -34 ERANGE
// useVector(8) = -34 ERANGE
