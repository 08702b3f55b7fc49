// Shows: sriov_vf_msix_count refuses a change while any driver, vfio-pci included, is bound to the VF
import { createHost, errnoName, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");

const path = `/sys/bus/pci/devices/${vf.bdf}/sriov_vf_msix_count`;
const ret = host.sysfs.write(path, 64);
console.log("write 64 while bound:", ret, errnoName(-ret));
console.log(host.lspci(vf.bdf));

// Output (v6.5):
// write 64 while bound: -16 EBUSY
// Capabilities: [a0] MSI-X: Enable- Count=8 Masked-
