import { VFIO_DEVICE_GET_INFO } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { vfio_set_irqs_validate_and_prepare } from "../../../../src/model/drivers/vfio/vfio_main";
import { BDF, boundHost, openFd, setIrqs } from "../../helpers";

const hdr = (o: Partial<{ argsz: number; flags: number; index: number; start: number; count: number }>) => ({
  argsz: 24,
  flags: 0x24,
  index: 2,
  start: 0,
  count: 1,
  ...o,
});

describe("vfio_set_irqs_validate_and_prepare", () => {
  test("accepts a header within num_irqs and sizes the eventfd data", () => {
    const ds = { value: -1 };
    expect(vfio_set_irqs_validate_and_prepare(hdr({}), 8, 5, ds)).toBe(0);
    expect(ds.value).toBe(4);
  });
  test("rejects start >= num_irqs and start + count > num_irqs", () => {
    const ds = { value: 0 };
    expect(vfio_set_irqs_validate_and_prepare(hdr({ start: 8 }), 8, 5, ds)).toBe(-22);
    expect(vfio_set_irqs_validate_and_prepare(hdr({ start: 7, count: 2, argsz: 28 }), 8, 5, ds)).toBe(-22);
  });
  test("rejects argsz below the header, an index >= max_irq_type, unknown flag bits, two DATA_ types", () => {
    const ds = { value: 0 };
    expect(vfio_set_irqs_validate_and_prepare(hdr({ argsz: 19 }), 8, 5, ds)).toBe(-22);
    expect(vfio_set_irqs_validate_and_prepare(hdr({ index: 5 }), 8, 5, ds)).toBe(-22);
    expect(vfio_set_irqs_validate_and_prepare(hdr({ flags: 0x64 }), 8, 5, ds)).toBe(-22);
    expect(vfio_set_irqs_validate_and_prepare(hdr({ flags: 0x25 }), 8, 5, ds)).toBe(-22);
  });
  test("rejects argsz too small for count eventfds", () => {
    expect(vfio_set_irqs_validate_and_prepare(hdr({ count: 2 }), 8, 5, { value: 0 })).toBe(-22);
  });
});

describe("vfio_device_open / vfio_device_close (the open count)", () => {
  const calls = (host: ReturnType<typeof boundHost>["host"], fn: string) =>
    host.trace.filter((e) => e.fn === fn).length;
  test("only the first open runs the driver's open_device, only the last close its close_device", () => {
    const { host } = boundHost("v6.5");
    const a = openFd(host);
    const b = openFd(host);
    expect(calls(host, "vfio_pci_open_device")).toBe(1);
    expect(a.close()).toBe(0);
    expect(calls(host, "vfio_pci_core_close_device")).toBe(0);
    expect(b.close()).toBe(0);
    expect(calls(host, "vfio_pci_core_close_device")).toBe(1);
    openFd(host);
    expect(calls(host, "vfio_pci_open_device")).toBe(2);
  });
  test("a device unregistered by unbind cannot be opened (-ENODEV)", () => {
    const { host, vf } = boundHost("v6.5");
    expect(vf.unbind()).toBe(0);
    expect(host.vfio.open(BDF)).toBe(-19);
    expect(vf.bind("vfio-pci")).toBe(0);
    expect(typeof host.vfio.open(BDF)).toBe("object");
  });
});

describe("the device fd in the fd table", () => {
  test("a closed fd gives -EBADF, a VFIO device fd is not an eventfd (-EINVAL)", () => {
    const { host } = boundHost("v6.5");
    const fd = openFd(host);
    expect(setIrqs(fd, 0, [fd.fd])).toBe(-22); // eventfd_ctx_fdget(): not eventfd_fops
    expect(fd.close()).toBe(0);
    expect(fd.closed).toBe(true);
    expect(fd.close()).toBe(-9);
    expect(fd.ioctl(VFIO_DEVICE_GET_INFO, { argsz: 16 })).toBe(-9);
  });
});
