// Shows: the seed scenario on the patched kernel: the domain is removed at close and re-created with hwsize 64 at reopen
import { createHost, formatEntry, KERNEL } from "msi-lifecycle";

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
vm.useVector(8);

// The user-level steps (vectors 1 to 6 left out) and every domain decision the kernel made.
const kernelCalls = ["msi_create_device_irq_domain", "msi_remove_device_irq_domain", "pci_setup_msix_device_domain"];
for (const e of host.trace) {
  const user =
    e.depth === 0 &&
    e.fn !== "write" &&
    !(e.fn === "vfio_msix_vector_do_use" && Number(e.args.nr) >= 1 && Number(e.args.nr) <= 6);
  const kernel = kernelCalls.includes(e.fn) || (e.fn === "msi_insert_desc" && e.args.index === 8);
  if (user) console.log(formatEntry(e));
  if (kernel) console.log(`  ${formatEntry(e).replace("domid=0, ", "").replace("(domid=0)", "()")}`);
}

// Output (v6.5):
// vfio_pci_realize() = 0
// vfio_msix_enable()
//   pci_setup_msix_device_domain(hwsize=8) = true
//   msi_create_device_irq_domain(hwsize=8) = true
// vfio_msix_vector_do_use(nr=0) = 0
// vfio_msix_vector_do_use(nr=7) = 0
// vfio_pci_put_device()
// firmware_set_msix_count(count=64)
// vfio_pci_realize() = 0
// vfio_msix_enable()
//   pci_setup_msix_device_domain(hwsize=64, reused_hwsize=8) = true
// vfio_msix_vector_do_use(nr=8) = 0
//   msi_insert_desc(index=8, hwsize=8) = -34 ERANGE

// Output (v6.5+fix):
// vfio_pci_realize() = 0
// vfio_msix_enable()
//   pci_setup_msix_device_domain(hwsize=8) = true
//   msi_create_device_irq_domain(hwsize=8) = true
// vfio_msix_vector_do_use(nr=0) = 0
// vfio_msix_vector_do_use(nr=7) = 0
// vfio_pci_put_device()
//   msi_remove_device_irq_domain(hwsize=8)
// firmware_set_msix_count(count=64)
// vfio_pci_realize() = 0
// vfio_msix_enable()
//   pci_setup_msix_device_domain(hwsize=64) = true
//   msi_create_device_irq_domain(hwsize=64) = true
// vfio_msix_vector_do_use(nr=8) = 0
//   msi_insert_desc(index=8, hwsize=64) = 0
