import { readFileSync } from "node:fs";
import { formatTrace } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import {
  vfio_msi_enable,
  vfio_msi_set_block,
  vfio_msi_set_vector_signal,
} from "../../../../../src/model/drivers/vfio/pci/vfio_pci_intrs";
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
  test("returns pci_irq_vector’s -EINVAL for a new vector without has_dyn_msix (v6.2)", () => {
    const { host } = boundHost("v6.2");
    const fd = openFd(host);
    setIrqs(fd, 0, [-1]);
    expect(setIrqs(fd, 5, [host.eventfd()])).toBe(-22);
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
