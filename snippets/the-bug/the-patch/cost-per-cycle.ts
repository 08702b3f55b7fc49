// Shows: what the patch costs: one domain create and remove per MSI-X enable/disable cycle, and per resize on the NORESIZE path
import { createHost, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const count = (fn: string) => host.trace.filter((e) => e.fn === fn).length;

// A guest that reboots three times: MSI-X on, 4 vectors, MSI-X off.
const vm = host.qemu(vf.bdf);
for (let boot = 0; boot < 3; boot++) {
  vm.enableMsix();
  for (let n = 0; n < 4; n++) vm.useVector(n);
  vm.disableMsix();
}
console.log(
  "3 guest boots:      created",
  count("msi_create_device_irq_domain"),
  "removed",
  count("msi_remove_device_irq_domain"),
);

// QEMU on the NORESIZE path: each new vector is disable + re-enable.
host.clearTrace();
vm.noresize = true;
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
console.log(
  "8 vectors, NORESIZE: created",
  count("msi_create_device_irq_domain"),
  "removed",
  count("msi_remove_device_irq_domain"),
);
vm.shutdown();

// Output (v6.5):
// 3 guest boots:      created 1 removed 0
// 8 vectors, NORESIZE: created 0 removed 0

// Output (v6.5+fix):
// 3 guest boots:      created 3 removed 3
// 8 vectors, NORESIZE: created 9 removed 8
