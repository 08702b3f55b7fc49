// Shows: other refusals: a negative value (-EINVAL) and a PF driver without sriov_set_msix_vec_count (-EOPNOTSUPP)
import { createHost, errnoName, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
// A VF whose PF driver has no sriov_set_msix_vec_count callback:
const other = host.addVf("0000:3b:00.1", {
  msixTableSize: 8,
  pfSupportsMsixCount: false,
});
const write = (bdf: string, v: string) => {
  const path = `/sys/bus/pci/devices/${bdf}/sriov_vf_msix_count`;
  const ret = host.sysfs.write(path, v);
  return ret < 0 ? `-${errnoName(-ret)}` : ret;
};

console.log("write -1:          ", write(vf.bdf, "-1"));
console.log("write 16, other VF:", write(other.bdf, "16"));
console.log("write 0:           ", write(vf.bdf, "0"));
console.log(host.lspci(vf.bdf));

// Output (v6.5):
// write -1:           -EINVAL
// write 16, other VF: -EOPNOTSUPP
// write 0:            0
// Capabilities: [a0] MSI-X: Enable- Count=8 Masked-
