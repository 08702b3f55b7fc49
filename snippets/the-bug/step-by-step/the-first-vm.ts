// Shows: the first VM creates the per-device domain with hwsize 8, and closing the fd keeps it
import { createHost, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
console.log("bound:        ", host.inspect(vf.bdf).domain);

const vm = host.qemu(vf.bdf); // open + realize: nothing allocated
console.log("opened:       ", host.inspect(vf.bdf).domain);
vm.enableMsix(); // the first pci_alloc_irq_vectors()
console.log("MSI-X enabled:", host.inspect(vf.bdf).domain);
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown(); // vfio_msi_disable(), then close
const { domain, descriptors } = host.inspect(vf.bdf);
console.log("closed:       ", { domain, descriptors }); // vfio-pci is still bound

// Output (v6.1):
// bound:         null
// opened:        null
// MSI-X enabled: null
// closed:        { domain: null, descriptors: [] }

// Output (v6.2):
// bound:         null
// opened:        null
// MSI-X enabled: { hwsize: 8 }
// closed:        { domain: { hwsize: 8 }, descriptors: [] }

// Output (v6.5):
// bound:         null
// opened:        null
// MSI-X enabled: { hwsize: 8 }
// closed:        { domain: { hwsize: 8 }, descriptors: [] }

// Output (v6.5+fix):
// bound:         null
// opened:        null
// MSI-X enabled: { hwsize: 8 }
// closed:        { domain: null, descriptors: [] }
