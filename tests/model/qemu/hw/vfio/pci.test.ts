import { createHost } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { BDF, boundHost } from "../../../helpers";

describe("vfio_msix_early_setup", () => {
  test("reads the Table Size once, at realize", () => {
    const { host, vf } = boundHost("v6.5");
    const vm = host.qemu(BDF);
    vf.firmwareSetMsixCount(64);
    expect(vm.entries).toBe(8);
    expect(host.qemu(BDF).entries).toBe(64);
  });
  test("takes noresize from GET_IRQ_INFO", () => {
    expect(boundHost("v6.2").host.qemu(BDF).noresize).toBe(true);
    expect(boundHost("v6.5").host.qemu(BDF).noresize).toBe(false);
  });
});

describe("vfio_msix_enable", () => {
  test("enables MSI-X with no vector: SET_IRQS(start 0, count 1, fd -1)", () => {
    const { host } = boundHost("v6.5");
    const vm = host.qemu(BDF);
    host.clearTrace();
    expect(vm.enableMsix()).toBe(0);
    expect(host.trace.find((e) => e.fn === "ioctl")?.args).toMatchObject({ start: 0, count: 1, data: "[-1]" });
    expect(host.inspect(BDF)).toMatchObject({ descriptors: [0], vfioContexts: [], msixEnabled: true });
  });
});

describe("vfio_msix_vector_do_use", () => {
  test("dynamic path: one single-vector SET_IRQS per new vector", () => {
    const { host } = boundHost("v6.5");
    const vm = host.qemu(BDF);
    vm.enableMsix();
    host.clearTrace();
    expect(vm.useVector(3)).toBe(0);
    expect(host.trace.filter((e) => e.fn === "ioctl").map((e) => [e.args.start, e.args.count])).toEqual([[3, 1]]);
    expect(vm.nr_vectors).toBe(4);
  });
  test("NORESIZE path: disable, then re-enable nr + 1 vectors", () => {
    const { host } = boundHost("v6.2");
    const vm = host.qemu(BDF);
    vm.enableMsix();
    host.clearTrace();
    expect(vm.useVector(3)).toBe(0);
    expect(host.trace.filter((e) => e.fn === "ioctl").map((e) => [e.args.start, e.args.count])).toEqual([
      [0, 0],
      [0, 4],
    ]);
    expect(host.inspect(BDF).descriptors).toEqual([0, 1, 2, 3]);
    expect(host.inspect(BDF).vfioContexts).toEqual([3]);
  });
  test("returns -EINVAL without an ioctl when MSI-X is off or nr is beyond the table", () => {
    const { host } = boundHost("v6.5");
    const vm = host.qemu(BDF);
    expect(vm.useVector(0)).toBe(-22);
    vm.enableMsix();
    expect(vm.useVector(8)).toBe(-22);
  });
});

describe("vfio_msix_disable", () => {
  test("disables the MSI-X index and resets nr_vectors", () => {
    const { host } = boundHost("v6.5");
    const vm = host.qemu(BDF);
    vm.enableMsix();
    vm.useVector(2);
    expect(vm.disableMsix()).toBe(0);
    expect(vm.nr_vectors).toBe(0);
    expect(host.inspect(BDF).irqType).toBe("none");
  });
});

describe("vfio_pci_put_device", () => {
  test("shutdown closes the fd; later calls get -EBADF", () => {
    const { host } = boundHost("v6.5");
    const vm = host.qemu(BDF);
    expect(vm.shutdown()).toBe(0);
    expect(host.inspect(BDF).hasDynMsix).toBeNull();
    expect(vm.enableMsix()).toBe(-9);
  });
  test("a user for an unbound device carries the open errno", () => {
    const host = createHost({ kernel: "v6.5" });
    host.addVf(BDF, { msixTableSize: 8 });
    const vm = host.qemu(BDF);
    expect(vm.enableMsix()).toBe(-19);
    expect(vm.log[0]).toContain("No such device");
  });
});
