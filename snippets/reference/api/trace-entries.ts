// Shows: the trace: every modelled call with its layer, arguments, return value and depth
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const vm = host.qemu(vf.bdf);
host.clearTrace();
vm.enableMsix();

const insert = host.trace.find((e) => e.fn === "msi_insert_desc");
if (insert) {
  const { seq, fn, layer, args, ret, depth } = insert;
  console.log({ seq, fn, layer, args, ret, depth });
}
console.log(
  formatTrace(host.trace, { only: ["vfio_msi_enable", "pci_alloc_irq_vectors", /domain/, "msi_insert_desc"] }),
);

// Output (v6.5):
// {
//   seq: 24,
//   fn: 'msi_insert_desc',
//   layer: 'msi',
//   args: { index: 0, hwsize: 8 },
//   ret: 0,
//   depth: 14
// }
// vfio_msi_enable(nvec=1, msix=true) = 0
//   pci_alloc_irq_vectors(min_vecs=1, max_vecs=1) = 1
//     pci_setup_msix_device_domain(hwsize=8) = true
//       pci_create_device_domain(hwsize=8) = true
//         msi_create_device_irq_domain(domid=0, hwsize=8) = true
//     msi_domain_insert_msi_desc(domid=0, index=0) = 0
//       msi_insert_desc(index=0, hwsize=8) = 0
//     msi_domain_alloc_irqs_all_locked(domid=0, nirqs=1) = 0
//       msi_domain_prepare_irqs(nvec=1, parent=VECTOR) = 0
