// Shows: QEMU reads the Table Size once, at realize: a running instance keeps its size, the next one sees the new size
import { createHost, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf); // realize: vfio_msix_early_setup()
vm.enableMsix();

vf.firmwareSetMsixCount(64); // while this VM runs
console.log("running VM: entries", vm.entries);
console.log(host.lspci(vf.bdf));

vm.shutdown();
vm = host.qemu(vf.bdf);
console.log("next VM:    entries", vm.entries);

// Output (v6.5):
// running VM: entries 8
// Capabilities: [a0] MSI-X: Enable+ Count=64 Masked-
// next VM:    entries 64
