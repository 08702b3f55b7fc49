// Shows: on 6.5 adding a vector leaves the live ones alone; on 6.2 every resize frees and reallocates them all
import { createHost, KERNEL } from "msi-lifecycle";

// #region setup: QEMU enables MSI-X
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const vm = host.qemu(vf.bdf);
vm.enableMsix();
// #endregion

const irqs = () =>
  Object.entries(host.inspect(vf.bdf).irqs)
    .map(([vector, irq]) => `${vector}:${irq}`)
    .join(" ");

vm.useVector(0);
console.log("use 0:", irqs());
vm.useVector(3);
console.log("use 3:", irqs());

// Output (v6.2):
// use 0: 0:41
// use 3: 0:42 1:43 2:44 3:45

// Output (v6.5):
// use 0: 0:40
// use 3: 0:40 3:41
