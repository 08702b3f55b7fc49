// Shows: the Table Size field holds N-1 in 11 bits, so 1 to 2048 entries; lspci adds the 1 back
import { createHost, KERNEL, PCI_MSIX_FLAGS_QSIZE } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 1 });

const hex = (v: number) => `0x${v.toString(16).padStart(3, "0")}`;
const max = PCI_MSIX_FLAGS_QSIZE + 1;
console.log(`QSIZE mask ${hex(PCI_MSIX_FLAGS_QSIZE)}: up to ${max} entries`);

for (const n of [1, 8, 64, 2048]) {
  vf.firmwareSetMsixCount(n); // the device writes n - 1 into bits 10:0
  const count = host.lspci(vf.bdf).match(/Count=\d+/)?.[0];
  console.log(`QSIZE=${hex(n - 1)}  lspci: ${count}`);
}

// Output (v6.5):
// QSIZE mask 0x7ff: up to 2048 entries
// QSIZE=0x000  lspci: Count=1
// QSIZE=0x007  lspci: Count=8
// QSIZE=0x03f  lspci: Count=64
// QSIZE=0x7ff  lspci: Count=2048
