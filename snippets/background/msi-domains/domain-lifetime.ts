// Shows: closing the VFIO fd frees the vectors and descriptors but keeps the domain; unbinding the driver frees it
import { createHost, KERNEL } from "msi-lifecycle";

// #region setup: a VM enables MSI-X and uses vectors 0 to 3
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
vf.bind("vfio-pci");
const vm = host.qemu(vf.bdf);
vm.enableMsix();
for (let n = 0; n < 4; n++) vm.useVector(n);
// #endregion

const show = (when: string) => {
  const { driver, domain, descriptors } = host.inspect(vf.bdf);
  const hwsize = domain ? domain.hwsize : "none";
  const descs = `descriptors=[${descriptors}]`;
  console.log(when.padEnd(13), `driver=${driver} hwsize=${hwsize} ${descs}`);
};
show("in use:");
vm.shutdown(); // MSI-X disable, then close of the VFIO fd
show("after close:");
vf.unbind(); // devres release: msi_device_data_release()
show("after unbind:");

// Output (v6.5):
// in use:       driver=vfio-pci hwsize=8 descriptors=[0,1,2,3]
// after close:  driver=vfio-pci hwsize=8 descriptors=[]
// after unbind: driver=null hwsize=none descriptors=[]
