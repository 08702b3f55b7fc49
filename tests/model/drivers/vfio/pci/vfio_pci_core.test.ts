import {
  createHost,
  irqSetArgsz,
  VFIO_DEVICE_GET_INFO,
  VFIO_DEVICE_GET_IRQ_INFO,
  VFIO_DEVICE_SET_IRQS,
  VFIO_IRQ_INFO_EVENTFD,
  VFIO_IRQ_INFO_NORESIZE,
  VFIO_IRQ_SET_ACTION_MASK,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_PCI_MSIX_IRQ_INDEX,
  VFIO_PCI_NUM_IRQS,
  type vfio_irq_info,
} from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { BDF, boundHost, openFd, setIrqs } from "../../../helpers";

describe("vfio_pci_ioctl_get_irq_info", () => {
  test("reports the live MSI-X count and clears NORESIZE with has_dyn_msix (v6.5)", () => {
    const { host, vf } = boundHost("v6.5");
    const fd = openFd(host);
    const info: vfio_irq_info = { argsz: 16, index: VFIO_PCI_MSIX_IRQ_INDEX };
    expect(fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, info)).toBe(0);
    expect(info).toMatchObject({ flags: VFIO_IRQ_INFO_EVENTFD, count: 8 });
    vf.firmwareSetMsixCount(64);
    fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, info);
    expect(info.count).toBe(64);
  });
  test("sets NORESIZE for MSI-X without dynamic MSI-X (v6.1, v6.2)", () => {
    for (const kernel of ["v6.1", "v6.2"] as const) {
      const { host } = boundHost(kernel);
      const info: vfio_irq_info = { argsz: 16, index: VFIO_PCI_MSIX_IRQ_INDEX };
      openFd(host).ioctl(VFIO_DEVICE_GET_IRQ_INFO, info);
      expect(info.flags).toBe(VFIO_IRQ_INFO_EVENTFD | VFIO_IRQ_INFO_NORESIZE);
    }
  });
  test("returns -EINVAL for argsz < 16, an index out of range, or a missing field", () => {
    const fd = openFd(boundHost("v6.5").host);
    expect(fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, { argsz: 15, index: 2 })).toBe(-22);
    expect(fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, { argsz: 16, index: VFIO_PCI_NUM_IRQS })).toBe(-22);
    expect(fd.ioctl(VFIO_DEVICE_GET_IRQ_INFO, { index: 2 })).toBe(-22);
  });
});

describe("vfio_pci_ioctl_get_info", () => {
  test("reports regions and IRQ indices", () => {
    const info = { argsz: 16 } as Record<string, number>;
    expect(openFd(boundHost("v6.5").host).ioctl(VFIO_DEVICE_GET_INFO, info)).toBe(0);
    expect(info).toMatchObject({ num_regions: 9, num_irqs: 5, flags: 3 });
  });
});

describe("vfio_pci_ioctl_set_irqs", () => {
  test("validates start and count against the live count", () => {
    const { host } = boundHost("v6.5");
    const fd = openFd(host);
    expect(setIrqs(fd, 8, [-1])).toBe(-22);
    expect(setIrqs(fd, 6, [-1, -1, -1])).toBe(-22);
    expect(setIrqs(fd, 0, [-1])).toBe(0);
  });
  test("returns -EINVAL when argsz is too small for the data or data does not match count", () => {
    const fd = openFd(boundHost("v6.5").host);
    const base = { flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_TRIGGER, index: 2, start: 0, count: 2 };
    expect(fd.ioctl(VFIO_DEVICE_SET_IRQS, { ...base, argsz: irqSetArgsz(1, "eventfd"), data: [-1, -1] })).toBe(-22);
    expect(fd.ioctl(VFIO_DEVICE_SET_IRQS, { ...base, argsz: irqSetArgsz(2, "eventfd"), data: [-1] })).toBe(-22);
    expect(fd.ioctl(VFIO_DEVICE_SET_IRQS, { ...base, argsz: irqSetArgsz(2, "eventfd") })).toBe(-22);
  });
  test("returns -EINVAL for two DATA_ types and -ENOTTY for MASK on MSI-X", () => {
    const fd = openFd(boundHost("v6.5").host);
    expect(
      fd.ioctl(VFIO_DEVICE_SET_IRQS, {
        argsz: 24,
        flags: 0b101 | VFIO_IRQ_SET_ACTION_TRIGGER,
        index: 2,
        start: 0,
        count: 1,
        data: [-1],
      }),
    ).toBe(-22);
    expect(
      fd.ioctl(VFIO_DEVICE_SET_IRQS, {
        argsz: 24,
        flags: VFIO_IRQ_SET_DATA_EVENTFD | VFIO_IRQ_SET_ACTION_MASK,
        index: 2,
        start: 0,
        count: 1,
        data: [-1],
      }),
    ).toBe(-25);
  });
});

describe("vfio_pci_core_ioctl", () => {
  test("returns -ENOTTY for an unknown request and -EBADF on a closed fd", () => {
    const fd = openFd(boundHost("v6.5").host);
    expect(fd.ioctl(0x1234, {})).toBe(-25);
    expect(fd.close()).toBe(0);
    expect(fd.ioctl(VFIO_DEVICE_GET_INFO, { argsz: 16 })).toBe(-9);
    expect(fd.close()).toBe(-9);
  });
});

describe("vfio_pci_core_enable", () => {
  test("probes has_dyn_msix on open, per profile", () => {
    for (const [kernel, dyn] of [
      ["v6.1", false],
      ["v6.2", false],
      ["v6.5", true],
    ] as const) {
      const { host } = boundHost(kernel);
      expect(host.inspect(BDF).hasDynMsix).toBeNull();
      openFd(host);
      expect(host.inspect(BDF).hasDynMsix).toBe(dyn);
    }
  });
  test("open returns -ENODEV unless the device is bound to vfio-pci", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 });
    expect(host.vfio.open(BDF)).toBe(-19);
    expect(host.vfio.open("0000:99:00.1")).toBe(-19);
  });
});

describe("vfio_pci_core_close_device", () => {
  test("the last close disables MSI-X through vfio_msi_disable; earlier closes do not", () => {
    const { host } = boundHost("v6.5");
    const a = openFd(host);
    const b = openFd(host);
    expect(setIrqs(a, 0, [host.eventfd()])).toBe(0);
    a.close();
    expect(host.inspect(BDF).irqType).toBe("msix");
    b.close();
    expect(host.inspect(BDF)).toMatchObject({ irqType: "none", descriptors: [], msixEnabled: false });
    expect(host.trace.map((e) => e.fn)).toContain("vfio_msi_disable");
  });
});
