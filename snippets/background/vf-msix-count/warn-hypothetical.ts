// Shows: the check tglx asked for ("yell when the hardware plays silly buggers"), on the hypothetical v6.5+warn kernel: it warns, and the stale size still fails
import { createHost, errnoName, KERNEL } from "msi-lifecycle";

// #region setup: VM 1 uses 8 vectors and exits; the firmware grows the table to 64
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
vf.firmwareSetMsixCount(64);
// #endregion

vm = host.qemu(vf.bdf);
host.clearTrace();
vm.enableMsix();
vm.useVector(8);

for (const e of host.trace) {
  if (e.fn === "pci_setup_msix_device_domain") {
    const { reused_hwsize, hwsize } = e.args;
    console.log(`reuse: hwsize ${reused_hwsize}, table ${hwsize}`);
  }
  if (e.fn === "WARN_ON_ONCE") console.log(`WARN_ON_ONCE(${e.args.condition})`);
  if (e.fn === "msi_insert_desc" && Number(e.ret) < 0) {
    const ret = Number(e.ret);
    console.log(`insert ${e.args.index}: ${ret} ${errnoName(-ret)}`);
  }
}

// Output (v6.5):
// reuse: hwsize 8, table 64
// insert 8: -34 ERANGE

// Output (v6.5+warn):
// reuse: hwsize 8, table 64
// WARN_ON_ONCE(hwsize != info->hwsize)
// insert 8: -34 ERANGE
