// Shows: the same scenario on every kernel profile, side by side
import { createHost, errnoName, KERNEL_PROFILES } from "msi-lifecycle";

for (const kernel of KERNEL_PROFILES) {
  const host = createHost({ kernel });
  const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
  vf.bind("vfio-pci");
  let vm = host.qemu(vf.bdf);
  vm.enableMsix();
  for (let n = 0; n < 8; n++) vm.useVector(n);
  vm.shutdown();
  vf.firmwareSetMsixCount(64);
  vm = host.qemu(vf.bdf);
  vm.enableMsix();
  const ret = vm.useVector(8);
  const path = vm.noresize ? "disable + re-enable" : "dynamic add";
  const result = ret < 0 ? `-${errnoName(-ret)}` : "ok";
  console.log(kernel.padEnd(9), path.padEnd(20), result);
}

// Output (v6.5):
// v6.1      disable + re-enable  ok
// v6.2      disable + re-enable  -ERANGE
// v6.5      dynamic add          -ERANGE
// v6.5+fix  dynamic add          ok
// v6.5+warn dynamic add          -ERANGE
// v6.18     dynamic add          -ERANGE
// v6.18+fix dynamic add          ok
