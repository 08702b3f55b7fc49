// Shows: the shrink case 64 → 8: the domain keeps hwsize 64, but VFIO validates against the live count and refuses index 8
import {
  createHost,
  errnoName,
  irqSetArgsz,
  KERNEL,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_PCI_MSIX_IRQ_INDEX,
} from "msi-lifecycle";

// #region setup: a VF that starts with 64 entries; the first VM uses 16 of them
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 64 });
vf.bind("vfio-pci");
const first = host.qemu(vf.bdf);
first.enableMsix();
for (let n = 0; n < 16; n++) first.useVector(n);
first.shutdown();
// #endregion

vf.firmwareSetMsixCount(8);
const fd = host.vfio.open(vf.bdf);
if (typeof fd === "number") throw new Error(`open failed: ${fd}`);
const setIrqs = (start: number, fds: number[]) =>
  fd.ioctl(VFIO_DEVICE_SET_IRQS, {
    argsz: irqSetArgsz(fds.length, "eventfd"),
    flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
    index: VFIO_PCI_MSIX_IRQ_INDEX,
    start,
    count: fds.length,
    data: fds,
  });
const show = (what: string, ret: number) => console.log(what.padEnd(34), ret < 0 ? `${ret} ${errnoName(ret)}` : ret);

show("enable (start 0, count 1, fd -1):", setIrqs(0, [-1]));
console.log("domain after enable:", host.inspect(vf.bdf).domain);
show("vector 7:", setIrqs(7, [host.eventfd()]));
show("vector 8:", setIrqs(8, [host.eventfd()]));

// Output (v6.5):
// enable (start 0, count 1, fd -1):  0
// domain after enable: { hwsize: 64 }
// vector 7:                          0
// vector 8:                          -22 EINVAL

// Output (v6.5+fix):
// enable (start 0, count 1, fd -1):  0
// domain after enable: { hwsize: 8 }
// vector 7:                          0
// vector 8:                          -22 EINVAL
