// Shows: the order inside vfio_msi_disable(): IRQs and descriptors are freed, the memory bracket closes, then the domain goes
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

// #region setup: a VM with 8 vectors in use
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
// #endregion

host.clearTrace();
vm.shutdown();
// vfio_msi_disable() and the calls it makes itself (plus the one that frees the descriptors).
const disable = host.trace.find((e) => e.fn === "vfio_msi_disable")!;
const d = disable.depth;
const end = host.trace.findIndex((e) => e.seq > disable.seq && e.depth <= d);
const body = host.trace
  .slice(disable.seq, end)
  .filter((e) => e.depth <= d + 1 || e.fn === "msi_domain_free_irqs_all_locked")
  .filter((e) => e.fn !== "vfio_msi_set_vector_signal" || e.args.vector === 0 || e.args.vector === 7);
console.log(formatTrace(body).replaceAll(new RegExp(`^ {${2 * d}}`, "gm"), ""));
const { domain, descriptors, irqs } = host.inspect(vf.bdf);
console.log({ domain, descriptors, irqs });

// Output (v6.5):
// vfio_msi_disable(msix=true)
//   vfio_msi_set_vector_signal(vector=0, fd=-1) = 0
//   vfio_msi_set_vector_signal(vector=7, fd=-1) = 0
//   vfio_pci_memory_lock_and_enable() = 2
//   pci_free_irq_vectors()
//         msi_domain_free_irqs_all_locked(domid=0, last=7)
//   vfio_pci_memory_unlock_and_restore(cmd=2)
// { domain: { hwsize: 8 }, descriptors: [], irqs: {} }

// Output (v6.5+fix):
// vfio_msi_disable(msix=true)
//   vfio_msi_set_vector_signal(vector=0, fd=-1) = 0
//   vfio_msi_set_vector_signal(vector=7, fd=-1) = 0
//   vfio_pci_memory_lock_and_enable() = 2
//   pci_free_irq_vectors()
//         msi_domain_free_irqs_all_locked(domid=0, last=7)
//   vfio_pci_memory_unlock_and_restore(cmd=2)
//   msi_remove_device_irq_domain(domid=0, hwsize=8)
// { domain: null, descriptors: [], irqs: {} }
