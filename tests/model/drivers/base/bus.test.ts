import { createHost } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { bind_store } from "../../../../src/model/drivers/base/bus";
import { pci_match_device } from "../../../../src/model/drivers/pci/pci-driver";
import { vfio_pci_driver, vfio_pci_init } from "../../../../src/model/drivers/vfio/pci/vfio_pci";
import { BDF, openFd, rig } from "../../helpers";

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

describe("driver_match_device (PCI: driver_override and the id table)", () => {
  test("vfio-pci binds only a device whose driver_override names it", () => {
    for (const [override, expected] of [
      ["vfio-pci", BDF.length],
      [null, -19],
      ["mlx5_core", -19],
    ] as const) {
      const { m, pdev } = rig("v6.5", 8, false);
      pdev.driver_override = override;
      expect(bind_store(m, vfio_pci_driver, BDF, BDF.length)).toBe(expected);
      expect(pdev.dev.driver === vfio_pci_driver).toBe(expected > 0);
    }
  });
  test("pci_match_device: an override_only entry needs driver_override; an override admits a driver without a table", () => {
    const { pdev } = rig("v6.5", 8, false);
    const tableless = { name: "other", probe: () => 0, remove: () => {} };
    expect(pci_match_device(vfio_pci_driver, pdev)?.override_only).toBe(true);
    expect(pci_match_device(tableless, pdev)).toBeNull(); // driver_override names vfio-pci
    pdev.driver_override = "other";
    expect(pci_match_device(tableless, pdev)).not.toBeNull();
    pdev.driver_override = null;
    expect(pci_match_device(vfio_pci_driver, pdev)).toBeNull();
    expect(pci_match_device(tableless, pdev)).toBeNull();
  });
  test("the VF's driver_override reads back through sysfs; the PF has none", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 });
    expect(host.sysfs.read(`/sys/bus/pci/devices/${BDF}/driver_override`)).toBe("vfio-pci\n");
    expect(host.sysfs.read("/sys/bus/pci/devices/0000:2e:00.0/driver_override")).toBe("(null)\n");
  });
  test("drivers register by name: a second vfio-pci is refused with -EBUSY", () => {
    const { m } = rig("v6.5");
    expect(vfio_pci_init(m)).toBe(0);
    expect(vfio_pci_init(m)).toBe(-16);
  });
});
