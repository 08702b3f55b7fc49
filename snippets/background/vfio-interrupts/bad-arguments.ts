// Shows: malformed VFIO ioctls fail with -EINVAL (short argsz, two DATA_ types, a range beyond the live count); MASK on MSI-X with -ENOTTY
import {
  createHost,
  errnoName,
  irqSetArgsz,
  KERNEL,
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_SET_ACTION_MASK,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_IRQ_SET_HDR_SIZE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type VfioDeviceFd,
} from "msi-lifecycle";

// #region setup: a VF with 8 MSI-X entries, bound to vfio-pci, its fd opened
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const fd = host.vfio.open(vf.bdf) as VfioDeviceFd;
const show = (what: string, ret: number) => {
  const result = ret < 0 ? `-${errnoName(-ret)}` : ret;
  console.log(what.padEnd(30), result);
};
const index = VFIO_PCI_MSIX_IRQ_INDEX;
const TRIGGER = VFIO_IRQ_SET_ACTION_TRIGGER;
// the 20-byte header: argsz, flags, index, start, count
const hdr = VFIO_IRQ_SET_HDR_SIZE;
// #endregion

// argsz below sizeof(struct vfio_irq_info) = 16
let ret = fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, { argsz: 8, index });
show("GET_IRQ_INFO argsz=8", ret);

// two DATA_ types at once
let flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_DATA_BOOL | TRIGGER;
ret = fd.ioctl(VFIO_DEVICE_SET_IRQS, {
  argsz: hdr,
  flags,
  index,
  start: 0,
  count: 1,
});
show("SET_IRQS DATA_NONE|DATA_BOOL", ret);

// argsz covers the header but not the two eventfds
flags = VFIO_IRQ_SET_DATA_EVENTFD | TRIGGER;
const data = [-1, -1];
ret = fd.ioctl(VFIO_DEVICE_SET_IRQS, {
  argsz: hdr,
  flags,
  index,
  start: 0,
  count: 2,
  data,
});
show("SET_IRQS argsz without data", ret);

// start + count = 10 > 8, the live count
const argsz = irqSetArgsz(4, "eventfd");
const four = [-1, -1, -1, -1];
ret = fd.ioctl(VFIO_DEVICE_SET_IRQS, {
  argsz,
  flags,
  index,
  start: 6,
  count: 4,
  data: four,
});
show("SET_IRQS start=6 count=4", ret);

// a valid header, but vfio-pci has no MSI-X mask handler
flags = VFIO_IRQ_SET_DATA_NONE | VFIO_IRQ_SET_ACTION_MASK;
ret = fd.ioctl(VFIO_DEVICE_SET_IRQS, {
  argsz: hdr,
  flags,
  index,
  start: 0,
  count: 1,
});
show("SET_IRQS ACTION_MASK (MSI-X)", ret);

// Output (v6.5):
// GET_IRQ_INFO argsz=8           -EINVAL
// SET_IRQS DATA_NONE|DATA_BOOL   -EINVAL
// SET_IRQS argsz without data    -EINVAL
// SET_IRQS start=6 count=4       -EINVAL
// SET_IRQS ACTION_MASK (MSI-X)   -ENOTTY
