import { readFileSync } from "node:fs";
import {
  formatTrace,
  irqSetArgsz,
  VFIO_IRQ_SET_ACTION_TRIGGER,
  VFIO_IRQ_SET_DATA_BOOL,
  VFIO_IRQ_SET_DATA_EVENTFD,
  VFIO_IRQ_SET_DATA_NONE,
  VFIO_PCI_MSIX_IRQ_INDEX,
  VFIO_PCI_NUM_IRQS,
} from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { vfio_pci_ioctl_set_irqs } from "../../../../../src/model/drivers/vfio/pci/vfio_pci_core";
import {
  vfio_msi_enable,
  vfio_msi_set_block,
  vfio_msi_set_vector_signal,
} from "../../../../../src/model/drivers/vfio/pci/vfio_pci_intrs";
import { do_eventfd, type eventfd_ctx } from "../../../../../src/model/fs/eventfd";
import type { Machine } from "../../../../../src/model/machine";
import { BDF, boundHost, disableIrqs, openFd, rig, setIrqs } from "../../../helpers";

describe("vfio_msi_enable", () => {
  test("returns the positive count when fewer vectors are possible, and frees them", () => {
    const { vdev, pdev } = rig("v6.5", 8);
    expect(vfio_msi_enable(vdev, 12, true)).toBe(8);
    expect(pdev.msix_enabled).toBe(false);
    expect(vdev.irq_type).toBe(5);
  });
  test("returns -EINVAL unless the device is in no IRQ mode", () => {
    const { vdev } = rig("v6.5", 8);
    expect(vfio_msi_enable(vdev, 1, true)).toBe(0);
    expect(vfio_msi_enable(vdev, 1, true)).toBe(-22);
  });
});

describe("vfio_msi_set_vector_signal", () => {
  test("returns -EBADF for an fd that is not open", () => {
    const { vdev } = rig("v6.5", 8);
    vfio_msi_enable(vdev, 1, true);
    expect(vfio_msi_set_vector_signal(vdev, 0, 99, true)).toBe(-9);
  });
});

describe("vfio_msi_alloc_irq", () => {
  test("allocates a new vector dynamically with has_dyn_msix (v6.5)", () => {
    const { host } = boundHost("v6.5");
    const fd = openFd(host);
    setIrqs(fd, 0, [-1]);
    expect(setIrqs(fd, 5, [host.eventfd()])).toBe(0);
    expect(host.inspect(BDF).irqs[5]).toBe(41);
  });
  test("returns pci_irq_vector’s -EINVAL for a new vector without has_dyn_msix (v6.18 on arm64: the ITS)", () => {
    const { host } = boundHost("v6.18", 8, "10.1", "arm64");
    const fd = openFd(host);
    setIrqs(fd, 0, [-1]);
    host.clearTrace();
    expect(setIrqs(fd, 5, [host.eventfd()])).toBe(-22);
    expect(host.trace.find((e) => e.fn === "vfio_msi_alloc_irq")?.ret).toBe(-22);
    expect(host.trace.some((e) => e.fn === "pci_msix_alloc_irq_at")).toBe(false);
  });
});

describe("vfio_msi_set_block", () => {
  test("unwinds the vectors set in this call, including the failing one", () => {
    const { host, vf } = boundHost("v6.5");
    const fd = openFd(host);
    setIrqs(fd, 0, [-1]);
    vf.firmwareSetMsixCount(16); // live count 16, domain hwsize still 8
    host.clearTrace();
    expect(setIrqs(fd, 6, [host.eventfd(), host.eventfd(), host.eventfd()])).toBe(-34);
    expect(host.inspect(BDF).vfioContexts).toEqual([]);
    const unwind = host.trace
      .filter((e) => e.fn === "vfio_msi_set_vector_signal")
      .map((e) => `${e.args.vector}:${e.args.fd}`);
    expect(unwind.slice(-3)).toEqual(["6:-1", "7:-1", "8:-1"]);
  });
  test("returns the first error", () => {
    const { vdev } = rig("v6.5", 8);
    vfio_msi_enable(vdev, 1, true);
    expect(vfio_msi_set_block(vdev, 0, 2, [99, 98], true)).toBe(-9);
  });
});

describe("vfio_msi_disable", () => {
  test("keeps the kernel order: teardown, lock, pci_free_irq_vectors, unlock (unpatched: no domain removal)", () => {
    const { host } = boundHost("v6.5");
    const fd = openFd(host);
    setIrqs(fd, 0, [host.eventfd()]);
    host.clearTrace();
    disableIrqs(fd);
    const lines = formatTrace(host.trace, {
      only: [/^vfio_msi|^vfio_pci_memory|^pci_free_irq_vectors|^msi_remove|^free_irq/],
    })
      .split("\n")
      .map((l) => l.trim().replace(/\(.*$/, ""));
    expect(lines).toEqual([
      "vfio_msi_disable",
      "vfio_msi_set_vector_signal",
      "vfio_pci_memory_lock_and_enable",
      "free_irq",
      "vfio_pci_memory_unlock_and_restore",
      "vfio_pci_memory_lock_and_enable",
      "pci_free_irq_vectors",
      "vfio_pci_memory_unlock_and_restore",
    ]);
    expect(host.inspect(BDF).domain).toEqual({ hwsize: 8 });
  });
  test("tears the vectors down in index order, as xa_for_each() walks vdev->ctx", () => {
    const { host } = boundHost("v6.5");
    const fd = openFd(host);
    setIrqs(fd, 0, [host.eventfd()]);
    setIrqs(fd, 5, [host.eventfd()]); // dynamic allocations, set up out of order
    setIrqs(fd, 2, [host.eventfd()]);
    host.clearTrace();
    disableIrqs(fd);
    const torn = host.trace.filter((e) => e.fn === "vfio_msi_set_vector_signal").map((e) => e.args.vector);
    expect(torn).toEqual([0, 2, 5]);
  });
  test("marks the fix line with ANCHOR comments for the pages", () => {
    const src = readFileSync(
      new URL("../../../../../src/model/drivers/vfio/pci/vfio_pci_intrs.ts", import.meta.url),
      "utf8",
    );
    const region = /\/\/ ANCHOR: the-fix\n([\s\S]*?)\/\/ ANCHOR_END: the-fix/.exec(src)?.[1] ?? "";
    expect(region).toContain("msi_remove_device_irq_domain(pdev.dev, MSI_DEFAULT_DOMAIN)");
    // The fix line comes right after vfio_pci_memory_unlock_and_restore(), whatever the indentation.
    expect(src).toMatch(/vfio_pci_memory_unlock_and_restore\(vdev, cmd\);\n\s*\/\/ ANCHOR: the-fix/);
  });
});

describe("vfio-pci before v6.5: every request is bounded by num_ctx", () => {
  test("a vector beyond the enabled block is refused with -EINVAL by vfio_msi_set_block (v6.2); v6.5 allocates it", () => {
    const old = boundHost("v6.2");
    const fd = openFd(old.host);
    expect(setIrqs(fd, 0, [-1])).toBe(0); // num_ctx = 1
    old.host.clearTrace();
    expect(setIrqs(fd, 5, [old.host.eventfd()])).toBe(-22);
    expect(old.host.trace.find((e) => e.fn === "vfio_msi_set_block")?.ret).toBe(-22);
    // The whole block is refused before any vector is touched; nothing is allocated.
    expect(old.host.trace.some((e) => e.fn === "vfio_msi_set_vector_signal")).toBe(false);
    expect(old.host.trace.some((e) => e.fn === "vfio_msi_alloc_irq")).toBe(false);
    const cur = boundHost("v6.5");
    const fd5 = openFd(cur.host);
    setIrqs(fd5, 0, [-1]);
    expect(setIrqs(fd5, 5, [cur.host.eventfd()])).toBe(0);
  });
  test("a failing block is unwound from the failing vector down to start (v6.2), upwards from start (v6.5)", () => {
    const order = (kernel: "v6.2" | "v6.5") => {
      const { vdev, m } = rig(kernel, 8);
      const efd = do_eventfd(m, 0, 0);
      expect(vfio_msi_enable(vdev, 3, true)).toBe(0);
      m.tracer.clear();
      expect(vfio_msi_set_block(vdev, 0, 3, [efd, efd, 99], true)).toBe(-9);
      return m.tracer.entries
        .filter((e) => e.fn === "vfio_msi_set_vector_signal" && e.args.fd === -1)
        .map((e) => e.args.vector);
    };
    expect(order("v6.2")).toEqual([2, 1, 0]);
    expect(order("v6.5")).toEqual([0, 1, 2]);
  });
});

describe("vfio_pci_set_msi_trigger", () => {
  const signals = (m: Machine, fds: number[]) =>
    fds.map((fd) => (m.files.get(fd)?.private_data as eventfd_ctx | undefined)?.count);
  const irqSet = (flags: number, start: number, count: number, data?: unknown[]) => ({
    argsz: irqSetArgsz(
      count,
      flags & VFIO_IRQ_SET_DATA_BOOL ? "bool" : flags & VFIO_IRQ_SET_DATA_EVENTFD ? "eventfd" : "none",
    ),
    flags: flags | VFIO_IRQ_SET_ACTION_TRIGGER,
    index: VFIO_PCI_MSIX_IRQ_INDEX,
    start,
    count,
    ...(data ? { data } : {}),
  });

  test("enabling MSI-X and then failing the vector block leaves MSI-X disabled (the error unwind)", () => {
    const { host } = boundHost("v6.5");
    const fd = openFd(host);
    expect(setIrqs(fd, 0, [host.eventfd(), 999])).toBe(-9); // fd 999 is not open
    expect(host.inspect(BDF)).toMatchObject({
      irqType: "none",
      msixEnabled: false,
      descriptors: [],
      vfioContexts: [],
    });
    expect(setIrqs(fd, 0, [host.eventfd()])).toBe(0); // and a new enable works: the index was freed
  });

  test("DATA_NONE with a count signals the vectors' eventfds; only count 0 disables", () => {
    const { m, vdev } = rig("v6.5", 8);
    const fds = [do_eventfd(m, 0, 0), do_eventfd(m, 0, 0)];
    expect(vfio_pci_ioctl_set_irqs(vdev, irqSet(VFIO_IRQ_SET_DATA_EVENTFD, 0, 2, fds))).toBe(0);
    expect(vfio_pci_ioctl_set_irqs(vdev, irqSet(VFIO_IRQ_SET_DATA_NONE, 0, 2))).toBe(0);
    expect(signals(m, fds)).toEqual([1, 1]);
    expect(vdev.irq_type).toBe(VFIO_PCI_MSIX_IRQ_INDEX); // still enabled
    expect(vfio_pci_ioctl_set_irqs(vdev, irqSet(VFIO_IRQ_SET_DATA_NONE, 0, 0))).toBe(0);
    expect(vdev.irq_type).toBe(VFIO_PCI_NUM_IRQS);
    expect(signals(m, fds)).toEqual([1, 1]);
  });

  test("DATA_BOOL signals the vectors whose byte is non-zero; its data must be count u8s", () => {
    const { m, vdev } = rig("v6.5", 8);
    const fds = [do_eventfd(m, 0, 0), do_eventfd(m, 0, 0), do_eventfd(m, 0, 0)];
    expect(vfio_pci_ioctl_set_irqs(vdev, irqSet(VFIO_IRQ_SET_DATA_EVENTFD, 0, 3, fds))).toBe(0);
    expect(vfio_pci_ioctl_set_irqs(vdev, irqSet(VFIO_IRQ_SET_DATA_BOOL, 0, 3, [true, 0, 2]))).toBe(0);
    expect(signals(m, fds)).toEqual([1, 0, 1]);
    expect(vfio_pci_ioctl_set_irqs(vdev, irqSet(VFIO_IRQ_SET_DATA_BOOL, 0, 3, [true, false]))).toBe(-22);
    expect(vfio_pci_ioctl_set_irqs(vdev, irqSet(VFIO_IRQ_SET_DATA_BOOL, 0, 2, ["yes", 1]))).toBe(-22);
    expect(vfio_pci_ioctl_set_irqs(vdev, irqSet(VFIO_IRQ_SET_DATA_BOOL, 0, 2, [256, 1]))).toBe(-22);
    expect(signals(m, fds)).toEqual([1, 0, 1]);
  });
});
