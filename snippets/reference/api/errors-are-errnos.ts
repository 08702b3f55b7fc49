// Shows: kernel-level failures come back as negative errnos; only misuse of the TypeScript API throws
import {
  createHost,
  errnoName,
  KERNEL,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_PCI_MSIX_IRQ_INDEX,
} from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
const show = (what: string, ret: number) => console.log(what.padEnd(34), ret, ret < 0 ? errnoName(-ret) : "");

show("open before binding vfio-pci", host.vfio.open(vf.bdf) as number);
vf.bind("vfio-pci");
show("bind a second time", vf.bind("vfio-pci"));
const fd = host.vfio.open(vf.bdf);
if (typeof fd === "number") throw new Error("open failed");

const base = { index: VFIO_PCI_MSIX_IRQ_INDEX, start: 0, count: 1, data: [-1] };
show(
  "argsz too small",
  fd.ioctl(VFIO_DEVICE_SET_IRQS, { ...base, argsz: 8, flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER }),
);
show(
  "two DATA_ flags",
  fd.ioctl(VFIO_DEVICE_SET_IRQS, {
    ...base,
    argsz: 24,
    flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_DATA_BOOL | VFIO_IRQ_SET_ACTION_TRIGGER,
  }),
);
show(
  "start + count beyond the table",
  fd.ioctl(VFIO_DEVICE_SET_IRQS, {
    ...base,
    start: 8,
    argsz: 24,
    flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
  }),
);
show("an unknown ioctl request", fd.ioctl(0x3b99, {}));
show("write a negative MSI-X count", host.sysfs.write(`/sys/bus/pci/devices/${vf.bdf}/sriov_vf_msix_count`, -1));
fd.close();
show(
  "ioctl on a closed fd",
  fd.ioctl(VFIO_DEVICE_SET_IRQS, {
    ...base,
    argsz: 24,
    flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER,
  }),
);

try {
  host.addVf("2e:00.1", { msixTableSize: 8 }); // not a full bdf: API misuse
} catch (e) {
  console.log("thrown:", (e as Error).message);
}

// Output (v6.5):
// open before binding vfio-pci       -19 ENODEV
// bind a second time                 -16 EBUSY
// argsz too small                    -22 EINVAL
// two DATA_ flags                    -22 EINVAL
// start + count beyond the table     -22 EINVAL
// an unknown ioctl request           -25 ENOTTY
// write a negative MSI-X count       -22 EINVAL
// ioctl on a closed fd               -9 EBADF
// thrown: malformed PCI address "2e:00.1"; expected e.g. 0000:2e:00.1
