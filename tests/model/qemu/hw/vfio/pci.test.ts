import { createHost, type TraceEntry } from "msi-lifecycle";
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

  test("QEMU 8.2 clears the index only when a vector is in use; 10.1 always (d2b668fca565)", () => {
    for (const [qemu, calls] of [
      ["8.2", 0],
      ["10.1", 1],
    ] as const) {
      const { host } = boundHost("v6.5", 8, qemu);
      const vm = host.qemu(BDF);
      vm.enableMsix();
      host.clearTrace();
      vm.disableMsix();
      expect(setIrqsCalls(host.trace)).toHaveLength(calls);
    }
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

/** The SET_IRQS calls QEMU made, as [start, count, data] (data "" for DATA_NONE). */
const setIrqsCalls = (trace: readonly TraceEntry[]) =>
  trace
    .filter((e) => e.fn === "ioctl" && e.args.request === "VFIO_DEVICE_SET_IRQS")
    .map((e) => [e.args.start, e.args.count, e.args.data ?? ""]);

describe("QEMU reads the Table Size once per VM", () => {
  test("a guest's MSI-X disable and re-enable does not read it again, even after the device grew", () => {
    const { host, vf } = boundHost("v6.5");
    const vm = host.qemu(BDF);
    vm.enableMsix();
    vf.firmwareSetMsixCount(64);
    expect(vm.disableMsix()).toBe(0);
    expect(vm.enableMsix()).toBe(0);
    expect(vm.entries).toBe(8);
    expect(host.trace.filter((e) => e.fn === "vfio_msix_early_setup")).toHaveLength(1);
    expect(vm.useVector(8)).toBe(-22); // beyond QEMU's table: the guest never gets vector 8
  });
});

describe("the NORESIZE path (kernel without dynamic MSI-X)", () => {
  test("a vector below nr_vectors is signalled on its own: no disable, no re-enable", () => {
    const { host } = boundHost("v6.2");
    const vm = host.qemu(BDF);
    vm.enableMsix();
    expect(vm.useVector(3)).toBe(0); // the new highest vector: disable, enable 4
    host.clearTrace();
    expect(vm.useVector(1)).toBe(0); // already allocated by that enable
    expect(vm.useVector(3)).toBe(0); // used again (after the guest masked it)
    expect(setIrqsCalls(host.trace)).toEqual([
      [1, 1, expect.any(String)],
      [3, 1, expect.any(String)],
    ]);
    expect(host.trace.some((e) => e.fn === "vfio_msi_disable")).toBe(false);
    expect(host.inspect(BDF).vfioContexts).toEqual([1, 3]);
  });
});

describe("vfio_msix_enable with vectors the guest left unmasked (a restored guest)", () => {
  const run = (kernel: "v6.2" | "v6.5", qemu: "8.1" | "8.2" | "10.1") => {
    const { host } = boundHost(kernel, 8, qemu);
    const vm = host.qemu(BDF);
    host.clearTrace();
    expect(vm.enableMsix({ unmasked: [2, 0, 1] })).toBe(0);
    expect(host.inspect(BDF)).toMatchObject({ descriptors: [0, 1, 2], vfioContexts: [0, 1, 2] });
    return host.trace;
  };
  test("QEMU 8.2+ with NORESIZE clear first enables MSI-X with no vector, then sets all of them", () => {
    const trace = run("v6.5", "10.1");
    expect(setIrqsCalls(trace)).toEqual([
      [0, 1, "[-1]"],
      [0, 3, expect.stringMatching(/^\[\d+,\d+,\d+\]$/)],
    ]);
    const noVec = trace.find((e) => e.fn === "vfio_enable_msix_no_vec")!;
    expect(trace.findLast((e) => e.seq < noVec.seq && e.depth === noVec.depth - 1)?.fn).toBe("vfio_enable_vectors");
    expect(run("v6.5", "8.2").filter((e) => e.fn === "vfio_enable_msix_no_vec")).toHaveLength(1);
  });
  test("QEMU 8.1, or a NORESIZE kernel, enables all of them in one SET_IRQS", () => {
    for (const [kernel, qemu] of [
      ["v6.5", "8.1"],
      ["v6.2", "10.1"],
    ] as const) {
      const trace = run(kernel, qemu);
      expect(setIrqsCalls(trace)).toEqual([[0, 3, expect.stringMatching(/^\[\d+,\d+,\d+\]$/)]]);
      expect(trace.some((e) => e.fn === "vfio_enable_msix_no_vec")).toBe(false);
    }
  });
});

describe("QEMU 8.1", () => {
  test("enables MSI-X by using vector 0 and releasing it, which leaves vector 0 set up", () => {
    const { host } = boundHost("v6.5", 8, "8.1");
    const vm = host.qemu(BDF);
    expect(vm.noresize).toBe(true); // 8.1 reads no NORESIZE: it always re-enables
    host.clearTrace();
    expect(vm.enableMsix()).toBe(0);
    expect(host.trace.filter((e) => e.depth === 1).map((e) => e.fn)).toEqual([
      "vfio_msix_vector_do_use",
      "vfio_msix_vector_release",
    ]);
    // The disable before the first enable fails in the kernel (-EINVAL): QEMU ignores it.
    expect(setIrqsCalls(host.trace)).toEqual([
      [0, 0, ""],
      [0, 1, expect.stringMatching(/^\[\d+\]$/)],
    ]);
    expect(host.inspect(BDF)).toMatchObject({ descriptors: [0], vfioContexts: [0] });
  });
  test("every new highest vector disables MSI-X and re-enables nr + 1 vectors, even with dynamic MSI-X", () => {
    const { host } = boundHost("v6.5", 8, "8.1");
    const vm = host.qemu(BDF);
    vm.enableMsix();
    host.clearTrace();
    expect(vm.useVector(3)).toBe(0);
    expect(setIrqsCalls(host.trace).map(([start, count]) => [start, count])).toEqual([
      [0, 0],
      [0, 4],
    ]);
  });
});

describe("error_report(): how each QEMU version reports the failure", () => {
  const grownVm = (qemu: "8.1" | "8.2" | "10.1", kernel: "v6.2" | "v6.5" = "v6.5") => {
    const { host, vf } = boundHost(kernel, 8, qemu);
    let vm = host.qemu(BDF);
    vm.enableMsix();
    vm.shutdown();
    vf.firmwareSetMsixCount(64);
    vm = host.qemu(BDF);
    vm.enableMsix();
    return { host, vm };
  };
  test("8.1 prints %d of ioctl()'s -1; 10.1 prints strerror(); both on the enable path of v6.2", () => {
    const old = grownVm("8.1");
    expect(old.vm.useVector(8)).toBe(-34);
    expect(old.vm.log).toEqual(["vfio: failed to enable vectors, -1"]);
    expect(old.host.trace.find((e) => e.fn === "vfio_enable_vectors" && e.ret !== 0)?.ret).toBe(-1);
    const cur = grownVm("10.1", "v6.2");
    expect(cur.vm.useVector(8)).toBe(-34);
    expect(cur.vm.log).toEqual(["vfio: failed to enable vectors, Numerical result out of range"]);
    expect(cur.host.trace.find((e) => e.fn === "vfio_enable_vectors" && e.ret !== 0)?.ret).toBe(-34);
  });
  test("8.2 and 10.1 on the dynamic path report the failed signaling with strerror()", () => {
    for (const qemu of ["8.2", "10.1"] as const) {
      const { host, vm } = grownVm(qemu);
      expect(vm.useVector(8)).toBe(-34);
      expect(vm.log).toEqual([
        `vfio ${BDF}: Failed to set up TRIGGER eventfd signaling for interrupt MSIX-8: VFIO_DEVICE_SET_IRQS failure: Numerical result out of range`,
      ]);
      const report = host.trace.find((e) => e.fn === "error_report");
      expect(report?.args.msg).toBe(vm.log[0]);
    }
  });
  test("vfio_msix_vector_do_use() returns 0 whatever happened: QEMU reports, it does not return errors", () => {
    const { host, vm } = grownVm("10.1");
    vm.useVector(8);
    expect(host.trace.filter((e) => e.fn === "vfio_msix_vector_do_use").map((e) => e.ret)).toEqual([0]);
  });
});

describe("calls a guest cannot make get an errno, never a JavaScript exception", () => {
  test("useVector() and enableMsix({ unmasked }) outside the table return -EINVAL", () => {
    const { host } = boundHost("v6.5");
    const vm = host.qemu(BDF);
    vm.enableMsix();
    for (const nr of [-1, 8, 1.5, Number.NaN, "3" as unknown as number, undefined as unknown as number]) {
      expect(vm.useVector(nr)).toBe(-22);
    }
    expect(vm.enableMsix({ unmasked: [-1] })).toBe(-22);
    expect(vm.enableMsix({ unmasked: [9] })).toBe(-22);
    expect(host.inspect(BDF).vfioContexts).toEqual([]);
  });
});

describe("vfio_pci_put_device: QEMU exits", () => {
  test("closes the device fd even when its MSI-X disable fails, so vfio-pci can be unbound", () => {
    const { host, vf } = boundHost("v6.2");
    const vm = host.qemu(BDF);
    vm.enableMsix();
    vf.firmwareSetMsixCount(4);
    expect(vm.useVector(7)).toBe(-22); // the re-enable of 8 vectors is refused: MSI-X is off now
    expect(vm.shutdown()).toBe(-22); // the disable fails (nothing enabled), the close does not
    expect(host.inspect(BDF).hasDynMsix).toBeNull(); // no fd open
    expect(vf.unbind()).toBe(0);
  });
});
