// Shows: what the patch costs: a domain create and remove per MSI-X enable/disable cycle, and from v6.16 a parent prepare and teardown with each
import { createHost, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const count = (h: typeof host, re: RegExp) => h.trace.filter((e) => re.test(e.fn)).length;
const report = (what: string, h: typeof host) =>
  console.log(
    what.padEnd(22),
    `domains created ${count(h, /^msi_create_device_irq_domain$/)}, removed ${count(h, /^msi_remove_device_irq_domain$/)};`,
    `parent prepared ${count(h, /^msi_domain_prepare_irqs$/)}, torn down ${count(h, /_teardown$/)}`,
  );

// A guest that reboots three times: MSI-X on, 4 vectors, MSI-X off.
const vm = host.qemu(vf.bdf);
for (let boot = 0; boot < 3; boot++) {
  vm.enableMsix();
  for (let n = 0; n < 4; n++) vm.useVector(n);
  vm.disableMsix();
}
report("3 guest boots:", host);

// QEMU 8.1 on the same kernel: every new vector is a disable and a re-enable.
const old = createHost({ kernel: KERNEL, qemu: "8.1", platform: PLATFORM });
old.addVf("0000:2e:00.1", { msixTableSize: 8 }).bind("vfio-pci");
const vm81 = old.qemu("0000:2e:00.1");
old.clearTrace();
vm81.enableMsix();
for (let n = 0; n < 8; n++) vm81.useVector(n);
report("8 vectors, QEMU 8.1:", old);

// Output (v6.5):
// 3 guest boots:         domains created 1, removed 0; parent prepared 12, torn down 0
// 8 vectors, QEMU 8.1:   domains created 1, removed 0; parent prepared 8, torn down 0

// Output (v6.5+fix):
// 3 guest boots:         domains created 3, removed 3; parent prepared 12, torn down 0
// 8 vectors, QEMU 8.1:   domains created 8, removed 7; parent prepared 8, torn down 0

// Output (v6.18):
// 3 guest boots:         domains created 1, removed 0; parent prepared 1, torn down 0
// 8 vectors, QEMU 8.1:   domains created 1, removed 0; parent prepared 1, torn down 0

// Output (v6.18+fix):
// 3 guest boots:         domains created 3, removed 3; parent prepared 3, torn down 3
// 8 vectors, QEMU 8.1:   domains created 8, removed 7; parent prepared 8, torn down 7

// Output (v6.18+fix/arm64):
// 3 guest boots:         domains created 15, removed 15; parent prepared 15, torn down 15
// 8 vectors, QEMU 8.1:   domains created 8, removed 7; parent prepared 8, torn down 7
