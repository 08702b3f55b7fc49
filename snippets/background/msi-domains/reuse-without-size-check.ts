// Shows: on the next MSI-X enable the PCI layer reuses the domain it finds and does not compare its size
import { createHost, KERNEL } from "msi-lifecycle";

// #region setup: VM 1 uses vector 0 and exits; the table grows to 64; VM 2 starts
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
vm.useVector(0);
vm.shutdown();
vf.firmwareSetMsixCount(64);
vm = host.qemu(vf.bdf);
// #endregion

host.clearTrace();
vm.enableMsix();

const call = (fn: string) => host.trace.find((e) => e.fn === fn);
console.log("Table Size read:", call("pci_msix_vec_count")?.ret);
const setup = call("pci_setup_msix_device_domain");
console.log("reused hwsize:  ", setup?.args.reused_hwsize ?? "-");
const created = call("msi_create_device_irq_domain");
console.log("new domain:     ", created ? created.args.hwsize : "-");
console.log("domain hwsize:  ", host.inspect(vf.bdf).domain?.hwsize);

// Output (v6.5):
// Table Size read: 64
// reused hwsize:   8
// new domain:      -
// domain hwsize:   8

// Output (v6.5+fix):
// Table Size read: 64
// reused hwsize:   -
// new domain:      64
// domain hwsize:   64
