import { createHost } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { BDF } from "../../helpers";

const knob = `/sys/bus/pci/devices/${BDF}/sriov_vf_msix_count`;

describe("sriov_vf_msix_count_store", () => {
  test("sets the VF Table Size through the PF driver when no driver is bound", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 });
    expect(host.sysfs.write(knob, 64)).toBe(0);
    expect(host.inspect(BDF).tableSize).toBe(64);
    expect(host.sysfs.write(knob, 0)).toBe(0); // device default
    expect(host.inspect(BDF).tableSize).toBe(8);
  });
  test("returns -EBUSY while a driver is bound to the VF", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 }).bind("vfio-pci");
    expect(host.sysfs.write(knob, 64)).toBe(-16);
    expect(host.inspect(BDF).tableSize).toBe(8);
  });
  test("returns -EINVAL for a negative value or junk", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 });
    expect(host.sysfs.write(knob, -1)).toBe(-22);
    expect(host.sysfs.write(knob, "lots")).toBe(-22);
    expect(host.sysfs.write(knob, "99999999999")).toBe(-22);
  });
  test("returns -EOPNOTSUPP when the PF driver has no sriov_set_msix_vec_count", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8, pfSupportsMsixCount: false });
    expect(host.sysfs.write(knob, 16)).toBe(-95);
  });
  test("fails in the PF driver beyond the VF MSI-X pool", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8, vfTotalMsix: 32 });
    expect(host.sysfs.write(knob, 33)).toBe(-22);
    expect(host.sysfs.read("/sys/bus/pci/devices/0000:2e:00.0/sriov_vf_total_msix")).toBe("32\n");
  });
  test("is write-only: reading it gives -EACCES", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 });
    expect(host.sysfs.read(knob)).toBe(-13);
  });
});
