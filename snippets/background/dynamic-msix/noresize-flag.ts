// Shows: since 6.5 vfio-pci clears NORESIZE for MSI-X when the platform can allocate vectors after enable; QEMU reads the flag once
import { createHost, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");

// QEMU's realize: open the fd, read the Table Size, GET_IRQ_INFO (MSI-X).
const vm = host.qemu(vf.bdf);
console.log("has_dyn_msix:", host.inspect(vf.bdf).hasDynMsix);
console.log("QEMU entries:", vm.entries, " noresize:", vm.noresize);

// Output (v6.2):
// has_dyn_msix: false
// QEMU entries: 8  noresize: true

// Output (v6.5):
// has_dyn_msix: true
// QEMU entries: 8  noresize: false

// Output (v6.18/arm64):
// has_dyn_msix: false
// QEMU entries: 8  noresize: true
