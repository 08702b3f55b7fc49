// Shows: why v6.1 never fails: no per-device domain is created and msi_insert_desc() has no bound
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

// #region setup: 8 vectors, close, the table grows to 64, a new QEMU enables MSI-X
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
vf.firmwareSetMsixCount(64);
vm = host.qemu(vf.bdf);
vm.enableMsix();
// #endregion

host.clearTrace();
vm.useVector(8);
// Keep the insertion of index 8 and the calls that lead to it.
const shown = host.trace.filter((e) => !/insert|add_msi/.test(e.fn) || e.args.index === 8);
console.log(
  formatTrace(shown, {
    only: [
      "vfio_msix_vector_do_use",
      "pci_setup_msix_device_domain",
      "msi_create_device_irq_domain",
      "msi_add_msi_desc",
      "msi_domain_insert_msi_desc",
      "msi_insert_desc",
    ],
  }),
);
console.log("domain:", host.inspect(vf.bdf).domain);

// Output (v6.1):
// vfio_msix_vector_do_use(nr=8) = 0
//   msi_add_msi_desc(index=8) = 0
//     msi_insert_desc(index=8) = 0
// domain: null

// Output (v6.5):
// vfio_msix_vector_do_use(nr=8) = 0
//   msi_insert_desc(index=8, hwsize=8) = -34 ERANGE
// domain: { hwsize: 8 }

// Output (v6.5+fix):
// vfio_msix_vector_do_use(nr=8) = 0
//   msi_insert_desc(index=8, hwsize=64) = 0
// domain: { hwsize: 64 }
