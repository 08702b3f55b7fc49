// Shows: the sysfs write goes through sriov_vf_msix_count_store() to the PF driver's sriov_set_msix_vec_count callback
import { createHost, formatTrace, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
// The model's PF driver is named mlx5_core.
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
host.clearTrace();

host.sysfs.write(`/sys/bus/pci/devices/${vf.bdf}/sriov_vf_msix_count`, 64);
console.log(formatTrace(host.trace, { only: [/sriov/] }));
console.log(host.lspci(vf.bdf));

// Output (v6.5):
// sriov_vf_msix_count_store(buf=64) = 2
//   mlx5_core_sriov_set_msix_vec_count(msix_vec_count=64) = 0
// Capabilities: [a0] MSI-X: Enable- Count=64 Masked-
