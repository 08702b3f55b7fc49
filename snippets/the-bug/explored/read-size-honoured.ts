// Shows: the shortest sequence (7 actions) that breaks "read-size-honoured" on v6.5, as the explorer found it
import { createHost, errnoName, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";

// #region setup: the explorer's starting point, and how each step is printed
// Written by `npm run explore -- --write-snippets`: change the explorer, not this file.
// The property: When the guest enables MSI-X or unmasks a vector below the Table Size its VM read at
// open, and that size has not changed since, the request succeeds.
const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const step = (what: string, ret: number) =>
  console.log(`${what.padEnd(30)} ${ret < 0 ? `${ret} ${errnoName(ret)}` : ret}`);
// #endregion

// a VM opens the VF (QEMU reads the Table Size once)
let vm = host.qemu(vf.bdf);
step("a VM opens it, entries:", vm.entries);
// the guest enables MSI-X
step("guest enables MSI-X", vm.enableMsix());
// the VM shuts down (QEMU closes the VFIO fd)
step("VM shuts down", vm.shutdown());
// the device's firmware sets the Table Size to 64
vf.firmwareSetMsixCount(64);
console.log(host.lspci(vf.bdf));
// a VM opens the VF (QEMU reads the Table Size once)
vm = host.qemu(vf.bdf);
step("a VM opens it, entries:", vm.entries);
// the guest enables MSI-X
step("guest enables MSI-X", vm.enableMsix());
// the guest unmasks vector 8
step("guest uses vector 8", vm.useVector(8));

const s = host.inspect(vf.bdf);
console.log(
  `end: Table Size ${s.tableSize}, domain ${s.domain ? `hwsize ${s.domain.hwsize}` : "none"}, descriptors [${s.descriptors.join(",")}]`,
);

// Output (v6.5):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// VM shuts down                  0
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// a VM opens it, entries:        64
// guest enables MSI-X            0
// guest uses vector 8            -34 ERANGE
// end: Table Size 64, domain hwsize 8, descriptors [0]

// Output (v6.1):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// VM shuts down                  0
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// a VM opens it, entries:        64
// guest enables MSI-X            0
// guest uses vector 8            0
// end: Table Size 64, domain none, descriptors [0,1,2,3,4,5,6,7,8]

// Output (v6.2):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// VM shuts down                  0
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// a VM opens it, entries:        64
// guest enables MSI-X            0
// guest uses vector 8            -34 ERANGE
// end: Table Size 64, domain hwsize 8, descriptors []

// Output (v6.5+fix):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// VM shuts down                  0
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// a VM opens it, entries:        64
// guest enables MSI-X            0
// guest uses vector 8            0
// end: Table Size 64, domain hwsize 64, descriptors [0,8]

// Output (v6.5+fix/qemu-8.1):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// VM shuts down                  0
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
// a VM opens it, entries:        64
// guest enables MSI-X            0
// guest uses vector 8            0
// end: Table Size 64, domain hwsize 64, descriptors [0,1,2,3,4,5,6,7,8]
