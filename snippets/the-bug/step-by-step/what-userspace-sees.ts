// Shows: what QEMU gets back when the second VM uses vector 8, by kernel and QEMU version: the errno and its log line
import { createHost, errnoName, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";

// #region setup: 8 vectors, close, the table grows to 64, a new QEMU enables MSI-X
const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
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

const ret = vm.useVector(8);
console.log("path:", vm.noresize ? "disable + re-enable 9" : "dynamic (add vector 8)");
console.log("ret: ", ret < 0 ? `${ret} (errno ${-ret}, ${errnoName(ret)})` : ret);
for (const line of vm.log) console.log("log: ", line);

// Output (v6.1):
// path: disable + re-enable 9
// ret:  0

// Output (v6.2):
// path: disable + re-enable 9
// ret:  -34 (errno 34, ERANGE)
// log:  vfio: failed to enable vectors, Numerical result out of range

// Output (v6.5):
// path: dynamic (add vector 8)
// ret:  -34 (errno 34, ERANGE)
// log:  vfio 0000:2e:00.1: Failed to set up TRIGGER eventfd signaling for interrupt MSIX-8: VFIO_DEVICE_SET_IRQS failure: Numerical result out of range

// Output (v6.5+fix):
// path: dynamic (add vector 8)
// ret:  0

// Output (v6.5/qemu-8.1):
// path: disable + re-enable 9
// ret:  -34 (errno 34, ERANGE)
// log:  vfio: failed to enable vectors, -1

// Output (v6.5/qemu-8.2):
// path: dynamic (add vector 8)
// ret:  -34 (errno 34, ERANGE)
// log:  vfio 0000:2e:00.1: Failed to set up TRIGGER eventfd signaling for interrupt MSIX-8: VFIO_DEVICE_SET_IRQS failure: Numerical result out of range
