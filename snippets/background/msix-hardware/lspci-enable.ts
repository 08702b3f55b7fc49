// Shows: what lspci -vv prints for the MSI-X capability before, during and after a VM uses it
import { createHost, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
console.log("bound:     ", host.lspci(vf.bdf));

// A QEMU-like user opens the device and the guest sets MSI-X Enable.
const vm = host.qemu(vf.bdf);
vm.enableMsix();
console.log("enabled:   ", host.lspci(vf.bdf));

vm.shutdown();
console.log("after exit:", host.lspci(vf.bdf));

// Output (v6.5):
// bound:      Capabilities: [a0] MSI-X: Enable- Count=8 Masked-
// enabled:    Capabilities: [a0] MSI-X: Enable+ Count=8 Masked-
// after exit: Capabilities: [a0] MSI-X: Enable- Count=8 Masked-
