/** The user-space view of a host: sysfs reads and inspect(). */

import { createHost } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { BDF, boundHost, openFd, setIrqs } from "./helpers";

describe("sysfs reads", () => {
  test("a path the model does not have is -ENOENT, for a known device or not", () => {
    const { host } = boundHost("v6.5");
    for (const path of [
      `/sys/bus/pci/devices/${BDF}/no_such_file`,
      "/sys/bus/pci/devices/0000:ff:00.0/driver",
      "/sys/bus/pci/drivers/vfio-pci/bind",
      "/proc/interrupts",
      "",
    ]) {
      expect(host.sysfs.read(path)).toBe(-2);
    }
  });
  test("sriov_vf_total_msix is a PF attribute: a VF has no such file (-ENOENT)", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8, vfTotalMsix: 512 });
    expect(host.sysfs.read("/sys/bus/pci/devices/0000:2e:00.0/sriov_vf_total_msix")).toBe("512\n");
    expect(host.sysfs.read(`/sys/bus/pci/devices/${BDF}/sriov_vf_total_msix`)).toBe(-2);
  });
});

describe("inspect()", () => {
  test("lists the VFIO contexts in index order, whatever order the vectors were set up in", () => {
    const { host } = boundHost("v6.5");
    const fd = openFd(host);
    setIrqs(fd, 0, [-1]);
    for (const n of [5, 2, 7, 1]) expect(setIrqs(fd, n, [host.eventfd()])).toBe(0);
    expect(host.inspect(BDF).vfioContexts).toEqual([1, 2, 5, 7]);
    expect(host.inspect(BDF).descriptors).toEqual([0, 1, 2, 5, 7]);
  });
});
