// Shows: the Linux side of the comparison: VFIO reads the count live on every call, the MSI domain keeps the size of its first allocation
import {
  createHost,
  KERNEL,
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_IRQ_INFO_SIZE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  type vfio_irq_info,
} from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const fd = host.vfio.open(vf.bdf);
if (typeof fd === "number") throw new Error(`open failed: ${fd}`);
const row = (when: string) => {
  const info: vfio_irq_info = { argsz: VFIO_IRQ_INFO_SIZE, index: VFIO_PCI_MSIX_IRQ_INDEX };
  fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, info);
  const { domain } = host.inspect(vf.bdf);
  console.log(
    when.padEnd(26),
    "GET_IRQ_INFO count",
    String(info.count).padStart(2),
    "  domain hwsize",
    domain ? domain.hwsize : "-",
  );
};

row("open, nothing allocated:");
const vm = host.qemu(vf.bdf); // shares the open device
vm.enableMsix(); // first allocation: the domain is sized here
row("MSI-X enabled:");
vm.disableMsix();
row("MSI-X disabled:");
vf.firmwareSetMsixCount(16);
row("firmware: 16 entries:");
vf.firmwareSetMsixCount(64);
row("firmware: 64 entries:");
vm.enableMsix();
row("MSI-X enabled again:");
vm.shutdown();
fd.close();

// Output (v6.5):
// open, nothing allocated:   GET_IRQ_INFO count  8   domain hwsize -
// MSI-X enabled:             GET_IRQ_INFO count  8   domain hwsize 8
// MSI-X disabled:            GET_IRQ_INFO count  8   domain hwsize 8
// firmware: 16 entries:      GET_IRQ_INFO count 16   domain hwsize 8
// firmware: 64 entries:      GET_IRQ_INFO count 64   domain hwsize 8
// MSI-X enabled again:       GET_IRQ_INFO count 64   domain hwsize 8

// Output (v6.5+fix):
// open, nothing allocated:   GET_IRQ_INFO count  8   domain hwsize -
// MSI-X enabled:             GET_IRQ_INFO count  8   domain hwsize 8
// MSI-X disabled:            GET_IRQ_INFO count  8   domain hwsize -
// firmware: 16 entries:      GET_IRQ_INFO count 16   domain hwsize -
// firmware: 64 entries:      GET_IRQ_INFO count 64   domain hwsize -
// MSI-X enabled again:       GET_IRQ_INFO count 64   domain hwsize 64
