// Shows: the re-enable path (disable, then enable 9 vectors) fails in msix_setup_msi_descs()
import { createHost, formatTrace, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";

// #region setup: 8 vectors, close, the table grows to 64
const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
vf.firmwareSetMsixCount(64);
// #endregion

vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
host.clearTrace();
vm.useVector(8);
const shown = host.trace.filter((e) => e.fn !== "msi_insert_desc" || e.args.index === 8);
const only = ["vfio_msix_vector_do_use", "vfio_msi_disable", "msi_remove_device_irq_domain", "vfio_msi_enable"];
only.push("pci_setup_msix_device_domain", "msi_create_device_irq_domain", "msix_setup_msi_descs", "msi_insert_desc");
console.log(formatTrace(shown, { only }));
for (const line of vm.log) console.log(line);

// Output (v6.2):
// vfio_msix_vector_do_use(nr=8) = 0
//   vfio_msi_disable(msix=true)
//   vfio_msi_enable(nvec=9, msix=true) = -34 ERANGE
//     pci_setup_msix_device_domain(hwsize=64, reused_hwsize=8) = true
//     msix_setup_msi_descs(nvec=9) = -34 ERANGE
//       msi_insert_desc(index=8, hwsize=8) = -34 ERANGE
// vfio: failed to enable vectors, Numerical result out of range

// Output (v6.5/qemu-8.1):
// vfio_msix_vector_do_use(nr=8) = 0
//   vfio_msi_disable(msix=true)
//   vfio_msi_enable(nvec=9, msix=true) = -34 ERANGE
//     pci_setup_msix_device_domain(hwsize=64, reused_hwsize=8) = true
//     msix_setup_msi_descs(nvec=9) = -34 ERANGE
//       msi_insert_desc(index=8, hwsize=8) = -34 ERANGE
// vfio: failed to enable vectors, -1

// Output (v6.18/arm64):
// vfio_msix_vector_do_use(nr=8) = 0
//   vfio_msi_disable(msix=true)
//   vfio_msi_enable(nvec=9, msix=true) = -34 ERANGE
//     pci_setup_msix_device_domain(hwsize=64, reused_hwsize=8) = true
//     msix_setup_msi_descs(nvec=9) = -34 ERANGE
//       msi_insert_desc(index=8, hwsize=8) = -34 ERANGE
// vfio: failed to enable vectors, Numerical result out of range

// Output (v6.5+fix/qemu-8.1):
// vfio_msix_vector_do_use(nr=8) = 0
//   vfio_msi_disable(msix=true)
//     msi_remove_device_irq_domain(domid=0, hwsize=64)
//   vfio_msi_enable(nvec=9, msix=true) = 0
//     pci_setup_msix_device_domain(hwsize=64) = true
//       msi_create_device_irq_domain(domid=0, hwsize=64) = true
//     msix_setup_msi_descs(nvec=9) = 0
//       msi_insert_desc(index=8, hwsize=64) = 0
