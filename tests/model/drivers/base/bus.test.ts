import { describe, expect, test } from "vitest";
import { createHost } from "msi-lifecycle";
import { BDF, openFd } from "../../helpers";

describe("bind_store", () => {
  test("returns -ENODEV for an unknown device and -EBUSY when already bound", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 });
    expect(host.sysfs.write("/sys/bus/pci/drivers/vfio-pci/bind", "0000:99:00.1")).toBe(-19);
    expect(host.sysfs.write("/sys/bus/pci/drivers/vfio-pci/bind", `${BDF}\n`)).toBe(0);
    expect(host.sysfs.write("/sys/bus/pci/drivers/vfio-pci/bind", BDF)).toBe(-16);
    expect(host.sysfs.read(`/sys/bus/pci/devices/${BDF}/driver`)).toBe("vfio-pci");
  });
});

describe("unbind_store", () => {
  test("returns -ENODEV when the device is not bound to the driver", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 });
    expect(host.sysfs.write("/sys/bus/pci/drivers/vfio-pci/unbind", BDF)).toBe(-19);
    expect(host.sysfs.write(`/sys/bus/pci/devices/${BDF}/driver/unbind`, BDF)).toBe(-2); // no driver link
    expect(host.sysfs.read(`/sys/bus/pci/devices/${BDF}/driver`)).toBeNull();
  });
  test("returns -EBUSY while a VFIO fd is open (real vfio-pci waits for the close)", () => {
    const host = createHost({ kernel: "v6.5" });
    const vf = host.addVf(BDF, { msixTableSize: 8 });
    vf.bind("vfio-pci");
    const fd = openFd(host);
    expect(vf.unbind()).toBe(-16);
    fd.close();
    expect(vf.unbind()).toBe(0);
  });
  test("an unknown sysfs path gives -ENOENT", () => {
    const host = createHost({ kernel: "v6.5" });
    expect(host.sysfs.write("/sys/bus/pci/drivers/foo/bind", BDF)).toBe(-2);
    expect(host.sysfs.write("/proc/x", 1)).toBe(-2);
    expect(host.sysfs.read("/sys/nothing")).toBe(-2);
  });
});
