// Shows: the QEMU-like user: realize reads the table once; enable, use, disable and shut down return errnos
import { createHost, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");

const vm = host.qemu(vf.bdf); // opens the fd, reads the Table Size (and, from QEMU 8.2, NORESIZE) once
console.log({ entries: vm.entries, noresize: vm.noresize });
console.log("enableMsix:", vm.enableMsix());
console.log(
  "useVector(0..2):",
  [0, 1, 2].map((n) => vm.useVector(n)),
);
console.log("nr_vectors:", vm.nr_vectors, "contexts:", host.inspect(vf.bdf).vfioContexts);
console.log("disableMsix:", vm.disableMsix(), "shutdown:", vm.shutdown());
console.log("log:", vm.log);

// Output (v6.2):
// { entries: 8, noresize: true }
// enableMsix: 0
// useVector(0..2): [ 0, 0, 0 ]
// nr_vectors: 3 contexts: [ 0, 1, 2 ]
// disableMsix: 0 shutdown: 0
// log: []

// Output (v6.5):
// { entries: 8, noresize: false }
// enableMsix: 0
// useVector(0..2): [ 0, 0, 0 ]
// nr_vectors: 3 contexts: [ 0, 1, 2 ]
// disableMsix: 0 shutdown: 0
// log: []

// Output (v6.5/qemu-8.1):
// { entries: 8, noresize: true }
// enableMsix: 0
// useVector(0..2): [ 0, 0, 0 ]
// nr_vectors: 3 contexts: [ 0, 1, 2 ]
// disableMsix: 0 shutdown: 0
// log: []
