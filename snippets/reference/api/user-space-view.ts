// Shows: the user-space view: a VFIO device fd, VFIO_DEVICE_GET_IRQ_INFO and VFIO_DEVICE_SET_IRQS with eventfds
import {
  createHost,
  irqSetArgsz,
  KERNEL,
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_INFO_NORESIZE,
  VFIO_IRQ_INFO_SIZE,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_MSIX_IRQ_INDEX,
} from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
console.log("bind:", host.sysfs.write("/sys/bus/pci/drivers/vfio-pci/bind", vf.bdf));

const fd = host.vfio.open(vf.bdf);
if (typeof fd === "number") throw new Error(`open failed: ${fd}`);

// The kernel writes flags and count back into the argument, as it does into user memory.
const info = { argsz: VFIO_IRQ_INFO_SIZE, flags: 0, index: VFIO_PCI_MSIX_IRQ_INDEX, count: 0 };
console.log(
  "GET_IRQ_INFO:",
  fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, info),
  info.count,
  "vectors,",
  info.flags & VFIO_IRQ_INFO_NORESIZE ? "NORESIZE" : "resizable",
);

// Enable vectors 0 and 1, each signalling its own eventfd.
const data = [host.eventfd(), host.eventfd()];
const set = {
  argsz: irqSetArgsz(2, "eventfd"),
  flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
  index: VFIO_PCI_MSIX_IRQ_INDEX,
  start: 0,
  count: 2,
  data,
};
console.log("SET_IRQS:", fd.ioctl(VFIO_DEVICE_SET_IRQS, set));
console.log(host.lspci(vf.bdf));
const { descriptors, vfioContexts, domain } = host.inspect(vf.bdf);
console.log({ descriptors, vfioContexts, domain });

// count 0 with DATA_NONE disables the whole index.
const off = {
  argsz: irqSetArgsz(0, "none"),
  flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
  index: VFIO_PCI_MSIX_IRQ_INDEX,
  start: 0,
  count: 0,
};
console.log("disable:", fd.ioctl(VFIO_DEVICE_SET_IRQS, off), "close:", fd.close());

// Output (v6.1):
// bind: 0
// GET_IRQ_INFO: 0 8 vectors, NORESIZE
// SET_IRQS: 0
// Capabilities: [a0] MSI-X: Enable+ Count=8 Masked-
// { descriptors: [ 0, 1 ], vfioContexts: [ 0, 1 ], domain: null }
// disable: 0 close: 0

// Output (v6.5):
// bind: 0
// GET_IRQ_INFO: 0 8 vectors, resizable
// SET_IRQS: 0
// Capabilities: [a0] MSI-X: Enable+ Count=8 Masked-
// { descriptors: [ 0, 1 ], vfioContexts: [ 0, 1 ], domain: { hwsize: 8 } }
// disable: 0 close: 0
