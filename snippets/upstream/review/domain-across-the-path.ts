// Shows: the per-device domain at each step of the supported path: unbind is what throws the stale one away
import { createHost, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
const show = (step: string) => {
  const { driver, tableSize, domain } = host.inspect(vf.bdf);
  console.log(step.padEnd(30), { driver, tableSize, domain });
};

vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
show("first VM gone, still bound:");
vf.unbind();
show("unbound:");
host.sysfs.write(`/sys/bus/pci/devices/${vf.bdf}/sriov_vf_msix_count`, 64);
show("sriov_vf_msix_count = 64:");
vf.bind("vfio-pci");
vm = host.qemu(vf.bdf);
vm.enableMsix();
show("bound again, MSI-X enabled:");

// Output (v6.5):
// first VM gone, still bound:    { driver: 'vfio-pci', tableSize: 8, domain: { hwsize: 8 } }
// unbound:                       { driver: null, tableSize: 8, domain: null }
// sriov_vf_msix_count = 64:      { driver: null, tableSize: 64, domain: null }
// bound again, MSI-X enabled:    { driver: 'vfio-pci', tableSize: 64, domain: { hwsize: 64 } }

// Output (v6.5+fix):
// first VM gone, still bound:    { driver: 'vfio-pci', tableSize: 8, domain: null }
// unbound:                       { driver: null, tableSize: 8, domain: null }
// sriov_vf_msix_count = 64:      { driver: null, tableSize: 64, domain: null }
// bound again, MSI-X enabled:    { driver: 'vfio-pci', tableSize: 64, domain: { hwsize: 64 } }
