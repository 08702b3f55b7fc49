// Shows: with an unchanged Table Size the patched kernel behaves exactly like v6.5 towards the VM; only the domain's lifetime differs
import { createHost, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
for (const run of ["first VM", "second VM"]) {
  const vm = host.qemu(vf.bdf);
  vm.enableMsix();
  const rets = [];
  for (let n = 0; n < 8; n++) rets.push(vm.useVector(n));
  const { domain, irqs } = host.inspect(vf.bdf);
  vm.shutdown();
  console.log(
    run.padEnd(10),
    "useVector(0..7):",
    rets.join(","),
    " irqs:",
    Object.keys(irqs).length,
    " domain:",
    domain,
  );
  console.log("".padEnd(10), "after close:", host.inspect(vf.bdf).domain);
}

// Output (v6.5):
// first VM   useVector(0..7): 0,0,0,0,0,0,0,0  irqs: 8  domain: { hwsize: 8 }
//            after close: { hwsize: 8 }
// second VM  useVector(0..7): 0,0,0,0,0,0,0,0  irqs: 8  domain: { hwsize: 8 }
//            after close: { hwsize: 8 }

// Output (v6.5+fix):
// first VM   useVector(0..7): 0,0,0,0,0,0,0,0  irqs: 8  domain: { hwsize: 8 }
//            after close: null
// second VM  useVector(0..7): 0,0,0,0,0,0,0,0  irqs: 8  domain: { hwsize: 8 }
//            after close: null
