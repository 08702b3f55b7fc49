// Shows: msi_insert_desc() accepts an index only below the domain's hwsize, whatever the Table Size says now
import { createHost, errnoName, KERNEL } from "msi-lifecycle";

// #region setup: VM 1 uses 8 vectors and exits; the table grows to 64; VM 2 enables MSI-X
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
vf.firmwareSetMsixCount(64);
vm = host.qemu(vf.bdf);
vm.enableMsix();
// #endregion

host.clearTrace();
for (const n of [7, 8, 63]) vm.useVector(n);

for (const e of host.trace.filter((e) => e.fn === "msi_insert_desc")) {
  const ret = Number(e.ret);
  const verdict = ret < 0 ? `${ret} ${errnoName(-ret)}` : "ok";
  console.log(`index ${e.args.index}, hwsize ${e.args.hwsize}: ${verdict}`);
}

// Output (v6.5):
// index 7, hwsize 8: ok
// index 8, hwsize 8: -34 ERANGE
// index 63, hwsize 8: -34 ERANGE

// Output (v6.5+fix):
// index 7, hwsize 64: ok
// index 8, hwsize 64: ok
// index 63, hwsize 64: ok
