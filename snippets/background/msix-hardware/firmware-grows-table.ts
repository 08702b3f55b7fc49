// Shows: firmware can change the Table Size behind the kernel's back: config space changes, no kernel code runs
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
console.log(host.lspci(vf.bdf));

host.clearTrace();
vf.firmwareSetMsixCount(64);
console.log(host.lspci(vf.bdf));
console.log("trace:", formatTrace(host.trace));

// Output (v6.5):
// Capabilities: [a0] MSI-X: Enable- Count=8 Masked-
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// trace: firmware_set_msix_count(count=64)
