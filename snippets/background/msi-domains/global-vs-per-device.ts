// Shows: before 6.2 the device has no MSI domain of its own; since 6.2 enabling MSI-X creates one sized to the Table Size
import { createHost, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
console.log("before enable:", host.inspect(vf.bdf).domain);

const vm = host.qemu(vf.bdf);
vm.enableMsix();
console.log("after enable: ", host.inspect(vf.bdf).domain);

// Output (v6.1):
// before enable: null
// after enable:  null

// Output (v6.5):
// before enable: null
// after enable:  { hwsize: 8 }
