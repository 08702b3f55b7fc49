// Shows: VFIO_DEVICE_GET_IRQ_INFO reads the MSI-X count from config space on every call
import {
  createHost,
  KERNEL,
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_IRQ_INFO_EVENTFD,
  VFIO_IRQ_INFO_NORESIZE,
  VFIO_IRQ_INFO_SIZE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type VfioDeviceFd,
  type vfio_irq_info,
} from "msi-lifecycle";

// #region setup: a VF with 8 MSI-X entries, bound to vfio-pci, its fd opened
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const fd = host.vfio.open(vf.bdf) as VfioDeviceFd;
// #endregion

function irqInfo(): string {
  const info: vfio_irq_info = {
    argsz: VFIO_IRQ_INFO_SIZE,
    index: VFIO_PCI_MSIX_IRQ_INDEX,
  };
  const ret = fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, info);
  const flags = info.flags ?? 0;
  const names = [];
  if (flags & VFIO_IRQ_INFO_EVENTFD) names.push("EVENTFD");
  if (flags & VFIO_IRQ_INFO_NORESIZE) names.push("NORESIZE");
  return `ret=${ret} count=${info.count} flags=${names.join("|")}`;
}

console.log("open:            ", irqInfo());
vf.firmwareSetMsixCount(64); // same fd, no reopen
console.log("after firmware:  ", irqInfo());

// Output (v6.5):
// open:             ret=0 count=8 flags=EVENTFD
// after firmware:   ret=0 count=64 flags=EVENTFD
