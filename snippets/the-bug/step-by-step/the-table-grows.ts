// Shows: after the firmware grows the table, config space and VFIO report 64 while the kept domain still says 8
import {
  createHost,
  KERNEL,
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_IRQ_INFO_NORESIZE,
  VFIO_IRQ_INFO_SIZE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type vfio_irq_info,
} from "msi-lifecycle";

// #region setup: the first VM uses 8 vectors and exits
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const first = host.qemu(vf.bdf);
first.enableMsix();
for (let n = 0; n < 8; n++) first.useVector(n);
first.shutdown();
// #endregion

vf.firmwareSetMsixCount(64); // no reset, no notice to the kernel
console.log(host.lspci(vf.bdf));

// What the next QEMU asks first: VFIO_DEVICE_GET_IRQ_INFO for the MSI-X index.
const fd = host.vfio.open(vf.bdf);
if (typeof fd === "number") throw new Error(`open failed: ${fd}`);
const info: vfio_irq_info = { argsz: VFIO_IRQ_INFO_SIZE, index: VFIO_PCI_MSIX_IRQ_INDEX };
fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, info);
const noresize = !!((info.flags ?? 0) & VFIO_IRQ_INFO_NORESIZE);
console.log("GET_IRQ_INFO: count =", info.count, " NORESIZE =", noresize);
console.log("MSI domain:  ", host.inspect(vf.bdf).domain);
fd.close();

// Output (v6.2):
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// GET_IRQ_INFO: count = 64  NORESIZE = true
// MSI domain:   { hwsize: 8 }

// Output (v6.5):
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// GET_IRQ_INFO: count = 64  NORESIZE = false
// MSI domain:   { hwsize: 8 }

// Output (v6.5+fix):
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// GET_IRQ_INFO: count = 64  NORESIZE = false
// MSI domain:   null
