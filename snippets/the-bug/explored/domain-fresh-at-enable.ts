// Shows: the shortest sequence (5 actions) that breaks "domain-fresh-at-enable" on v6.5, as the explorer found it
import { createHost, errnoName, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";

// #region setup: the explorer's starting point, and how each step is printed
// Written by `npm run explore -- --write-snippets`: change the explorer, not this file.
// The property: Right after the guest enables MSI-X, the device's MSI domain, if it has one, is sized
// for the Table Size the device reports.
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
// the guest disables MSI-X
step("guest disables MSI-X", vm.disableMsix());
// the device's firmware sets the Table Size to 4
vf.firmwareSetMsixCount(4);
console.log(host.lspci(vf.bdf));
// the guest enables MSI-X
step("guest enables MSI-X", vm.enableMsix());

const s = host.inspect(vf.bdf);
console.log(
  `end: Table Size ${s.tableSize}, domain ${s.domain ? `hwsize ${s.domain.hwsize}` : "none"}, descriptors [${s.descriptors.join(",")}]`,
);

// Output (v6.5):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// guest disables MSI-X           0
// Capabilities: [a0] MSI-X: Enable- Count=4 Masked-
// guest enables MSI-X            0
// end: Table Size 4, domain hwsize 8, descriptors [0]

// Output (v6.1):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// guest disables MSI-X           0
// Capabilities: [a0] MSI-X: Enable- Count=4 Masked-
// guest enables MSI-X            0
// end: Table Size 4, domain none, descriptors [0]

// Output (v6.5+fix):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// guest disables MSI-X           0
// Capabilities: [a0] MSI-X: Enable- Count=4 Masked-
// guest enables MSI-X            0
// end: Table Size 4, domain hwsize 4, descriptors [0]

// Output (v6.1/qemu-8.2):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// guest disables MSI-X           0
// Capabilities: [a0] MSI-X: Enable+ Count=4 Masked-
// guest enables MSI-X            0
// end: Table Size 4, domain none, descriptors [0]

// Output (v6.2/qemu-8.2):
// a VM opens it, entries:        8
// guest enables MSI-X            0
// guest disables MSI-X           0
// Capabilities: [a0] MSI-X: Enable+ Count=4 Masked-
// guest enables MSI-X            0
// end: Table Size 4, domain hwsize 8, descriptors [0]
