// Shows: the seed scenario: a VF used with 8 vectors, grown to 64, then opened by a new VM
import {
  createHost,
  errnoName,
  KERNEL,
  PLATFORM,
  QEMU,
} from "msi-lifecycle";

// This run's kernel, QEMU version and platform.
const host = createHost({
  kernel: KERNEL,
  qemu: QEMU,
  platform: PLATFORM,
});
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");

// The first VM: MSI-X on, 8 vectors unmasked, then it exits.
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();

// The firmware grows the table: no reset, no notice to the kernel.
vf.firmwareSetMsixCount(64);
console.log(host.lspci(vf.bdf));

// The next VM sees 64 entries and uses vector 8.
vm = host.qemu(vf.bdf);
console.log("QEMU sees", vm.entries, "entries");
vm.enableMsix();
const ret = vm.useVector(8);
const result = ret < 0 ? errnoName(-ret) : "ok";
console.log("useVector(8) =", ret, result);
for (const line of vm.log) console.log("qemu:", line);

// Output (v6.5):
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// QEMU sees 64 entries
// useVector(8) = -34 ERANGE
// qemu: vfio 0000:2e:00.1: Failed to set up TRIGGER eventfd signaling for interrupt MSIX-8: VFIO_DEVICE_SET_IRQS failure: Numerical result out of range

// Output (v6.5+fix):
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// QEMU sees 64 entries
// useVector(8) = 0 ok

// Output (v6.5/qemu-8.1):
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// QEMU sees 64 entries
// useVector(8) = -34 ERANGE
// qemu: vfio: failed to enable vectors, -1
