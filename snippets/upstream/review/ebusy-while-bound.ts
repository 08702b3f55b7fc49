// Shows: sriov_vf_msix_count refuses with -EBUSY while any driver, vfio-pci included, is bound to the VF
import { createHost, errnoName, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
const path = `/sys/bus/pci/devices/${vf.bdf}/sriov_vf_msix_count`;
const show = (when: string, ret: number) => console.log(when.padEnd(28), ret < 0 ? `${ret} ${errnoName(ret)}` : ret);

vf.bind("vfio-pci");
show("bound to vfio-pci:", host.sysfs.write(path, 64));
const vm = host.qemu(vf.bdf);
show("bound, VM running:", host.sysfs.write(path, 64));
vm.shutdown();
vf.unbind();
show("unbound:", host.sysfs.write(path, 64));
console.log(host.lspci(vf.bdf));

// Output (v6.5):
// bound to vfio-pci:           -16 EBUSY
// bound, VM running:           -16 EBUSY
// unbound:                     0
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
