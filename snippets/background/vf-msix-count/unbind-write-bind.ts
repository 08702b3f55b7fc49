// Shows: the supported sequence, unbind, write, bind, resizes the VF cleanly on an unpatched 6.5 kernel
import { createHost, KERNEL } from "msi-lifecycle";

// #region setup: VM 1 uses all 8 vectors and exits; vfio-pci stays bound
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
// #endregion

const msixCount = `/sys/bus/pci/devices/${vf.bdf}/sriov_vf_msix_count`;
console.log("unbind:", vf.unbind(), " domain:", host.inspect(vf.bdf).domain);
console.log("write: ", host.sysfs.write(msixCount, 64));
console.log(host.lspci(vf.bdf));
console.log("bind:  ", vf.bind("vfio-pci"));

vm = host.qemu(vf.bdf);
vm.enableMsix();
const ret = vm.useVector(8);
console.log("useVector(8) =", ret, " domain:", host.inspect(vf.bdf).domain);

// Output (v6.5):
// unbind: 0  domain: null
// write:  0
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// bind:   0
// useVector(8) = 0  domain: { hwsize: 64 }
