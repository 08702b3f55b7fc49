// Shows: how QEMU adds vector 1 while vector 0 is live: disable and re-enable on 6.2 or with QEMU 8.1, one single-vector SET_IRQS on 6.5
import { createHost, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";

// #region setup: QEMU enables MSI-X and the guest unmasks vector 0
const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const vm = host.qemu(vf.bdf);
vm.enableMsix();
vm.useVector(0);
host.clearTrace();
// #endregion

vm.useVector(1);

// Each SET_IRQS that QEMU sends, and the vfio-pci step it leads to
const steps = ["vfio_msi_disable", "vfio_msi_enable", "pci_msix_alloc_irq_at"];
for (const e of host.trace) {
  if (e.fn === "ioctl") {
    console.log(`SET_IRQS start=${e.args.start} count=${e.args.count}`);
  }
  if (steps.includes(e.fn)) console.log(`  ${e.fn}()`);
}

// Output (v6.2):
// SET_IRQS start=0 count=0
//   vfio_msi_disable()
// SET_IRQS start=0 count=2
//   vfio_msi_enable()

// Output (v6.5):
// SET_IRQS start=1 count=1
//   pci_msix_alloc_irq_at()

// Output (v6.5/qemu-8.1):
// SET_IRQS start=0 count=0
//   vfio_msi_disable()
// SET_IRQS start=0 count=2
//   vfio_msi_enable()
