// Shows: what the kernel holds after the second open: a Table Size of 64 against a domain sized 8
import { createHost, KERNEL } from "msi-lifecycle";

// #region setup: the first VM uses 8 vectors and exits; the firmware grows the table to 64
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
// #endregion

console.log("after close:   ", host.inspect(vf.bdf).domain);
vf.firmwareSetMsixCount(64);
vm = host.qemu(vf.bdf);
vm.enableMsix();
const { tableSize, domain, descriptors } = host.inspect(vf.bdf);
console.log("after reopen:  ", { tableSize, domain, descriptors });

// Output (v6.5):
// after close:    { hwsize: 8 }
// after reopen:   { tableSize: 64, domain: { hwsize: 8 }, descriptors: [ 0 ] }

// Output (v6.5+fix):
// after close:    null
// after reopen:   { tableSize: 64, domain: { hwsize: 64 }, descriptors: [ 0 ] }
