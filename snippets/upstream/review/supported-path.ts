// Shows: the supported way to grow a VF's table (unbind, sriov_vf_msix_count, bind) works on the unpatched kernel
import { createHost, errnoName, formatTrace, KERNEL } from "msi-lifecycle";

// #region setup: the first VM uses 8 vectors and exits; vfio-pci stays bound
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
let vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 8; n++) vm.useVector(n);
vm.shutdown();
host.clearTrace();
// #endregion

vf.unbind(); // device_unbind_cleanup() → devres_release_all()
host.sysfs.write(`/sys/bus/pci/devices/${vf.bdf}/sriov_vf_msix_count`, 64);
vf.bind("vfio-pci");
console.log(
  formatTrace(host.trace, {
    only: [
      "write",
      "devres_release_all",
      "msi_device_data_release",
      "msi_remove_device_irq_domain",
      "sriov_vf_msix_count_store",
    ],
  }),
);

vm = host.qemu(vf.bdf);
vm.enableMsix();
const ret = vm.useVector(8);
console.log(
  "second VM: entries",
  vm.entries,
  "domain",
  host.inspect(vf.bdf).domain,
  "useVector(8) =",
  ret < 0 ? errnoName(ret) : ret,
);

// Output (v6.5):
// write(path=/sys/bus/pci/devices/0000:2e:00.1/driver/unbind, value=0000:2e:00.1) = 0
//   devres_release_all() = 1
//     msi_device_data_release()
//       msi_remove_device_irq_domain(domid=0, hwsize=8)
//       msi_remove_device_irq_domain(domid=1)
// write(path=/sys/bus/pci/devices/0000:2e:00.1/sriov_vf_msix_count, value=64) = 0
//   sriov_vf_msix_count_store(buf=64) = 2
// write(path=/sys/bus/pci/drivers/vfio-pci/bind, value=0000:2e:00.1) = 0
// second VM: entries 64 domain { hwsize: 64 } useVector(8) = 0

// Output (v6.5+fix):
// write(path=/sys/bus/pci/devices/0000:2e:00.1/driver/unbind, value=0000:2e:00.1) = 0
//   devres_release_all() = 1
//     msi_device_data_release()
//       msi_remove_device_irq_domain(domid=0)
//       msi_remove_device_irq_domain(domid=1)
// write(path=/sys/bus/pci/devices/0000:2e:00.1/sriov_vf_msix_count, value=64) = 0
//   sriov_vf_msix_count_store(buf=64) = 2
// write(path=/sys/bus/pci/drivers/vfio-pci/bind, value=0000:2e:00.1) = 0
// second VM: entries 64 domain { hwsize: 64 } useVector(8) = 0
