// Shows: SET_IRQS with DATA_EVENTFD|ACTION_TRIGGER enables MSI-X and wires eventfds; count 0 with DATA_NONE disables it
import {
  createHost,
  irqSetArgsz,
  KERNEL,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type VfioDeviceFd,
} from "msi-lifecycle";

// #region setup: a VF with 8 MSI-X entries, bound to vfio-pci, its fd opened
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const fd = host.vfio.open(vf.bdf) as VfioDeviceFd;
const show = (what: string, ret: number) => {
  const { irqType, vfioContexts, irqs } = host.inspect(vf.bdf);
  console.log(what, `ret=${ret} irqType=${irqType}`);
  console.log("  contexts:", JSON.stringify(vfioContexts));
  console.log("  irqs:", JSON.stringify(irqs));
};
// #endregion

// Vectors 0 and 1 signal eventfds; vector 2 gets no trigger (-1).
const efds = [host.eventfd(), host.eventfd(), -1];
let ret = fd.ioctl(VFIO_DEVICE_SET_IRQS, {
  argsz: irqSetArgsz(efds.length, "eventfd"),
  flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
  index: VFIO_PCI_MSIX_IRQ_INDEX,
  start: 0,
  count: efds.length,
  data: efds,
});
show("enable:", ret);

// The whole index off: DATA_NONE, count 0 (as QEMU and close do).
ret = fd.ioctl(VFIO_DEVICE_SET_IRQS, {
  argsz: irqSetArgsz(0, "none"),
  flags: VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_TRIGGER,
  index: VFIO_PCI_MSIX_IRQ_INDEX,
  start: 0,
  count: 0,
});
show("disable:", ret);

// Output (v6.5):
// enable: ret=0 irqType=msix
//   contexts: [0,1]
//   irqs: {"0":40,"1":41,"2":42}
// disable: ret=0 irqType=none
//   contexts: []
//   irqs: {}
