import { describe, expect, test } from "vitest";
import { pci_alloc_irq_vectors, pci_free_irq_vectors } from "../../../../../src/model/drivers/pci/msi/api";
import { pci_setup_msix_device_domain } from "../../../../../src/model/drivers/pci/msi/irqdomain";
import {
  __pci_enable_msix_range,
  msix_capability_init,
  msix_setup_msi_descs,
  pci_msix_shutdown,
} from "../../../../../src/model/drivers/pci/msi/msi";
import { PCI_IRQ_MSIX } from "../../../../../src/model/include/pci";
import { msi_setup_device_data } from "../../../../../src/model/kernel/irq/msi";
import { rig, setTableSize } from "../../../helpers";

const ctrl = (c: Uint8Array) => c[0xa2]! | (c[0xa3]! << 8);

describe("__pci_enable_msix_range", () => {
  test("clamps nvec to the fresh Table Size", () => {
    const { pdev } = rig("v6.5", 8);
    expect(__pci_enable_msix_range(pdev, null, 1, 20, null, PCI_IRQ_MSIX)).toBe(8);
  });
  test("returns -ENOSPC when the clamped nvec is below minvec", () => {
    const { pdev } = rig("v6.5", 8);
    expect(__pci_enable_msix_range(pdev, null, 9, 20, null, PCI_IRQ_MSIX)).toBe(-28);
  });
  test("has no per-device domain step on v6.1 (pci_setup_msix_device_domain arrived in v6.2)", () => {
    const { pdev, m } = rig("v6.1", 8);
    expect(__pci_enable_msix_range(pdev, null, 1, 4, null, PCI_IRQ_MSIX)).toBe(4);
    const fns = m.tracer.entries.map((e) => e.fn);
    expect(fns).not.toContain("pci_setup_msix_device_domain");
    expect(fns).not.toContain("msi_create_device_irq_domain");
    expect(fns.filter((f) => f === "msi_add_msi_desc")).toHaveLength(4);
  });
  test("returns -ERANGE when maxvec < minvec", () => {
    const { pdev } = rig("v6.5", 8);
    expect(__pci_enable_msix_range(pdev, null, 3, 2, null, PCI_IRQ_MSIX)).toBe(-34);
  });
  test("passes the fresh Table Size as hwsize of a new domain", () => {
    const { pdev, m } = rig("v6.5", 8);
    setTableSize(pdev, 64);
    __pci_enable_msix_range(pdev, null, 1, 1, null, PCI_IRQ_MSIX);
    expect(m.tracer.entries.find((e) => e.fn === "msi_create_device_irq_domain")?.args.hwsize).toBe(64);
  });
  test("fails with -ERANGE from msix_setup_msi_descs when a stale domain is smaller", () => {
    const { pdev } = rig("v6.5", 8);
    expect(pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX)).toBe(8);
    pci_free_irq_vectors(pdev);
    setTableSize(pdev, 64);
    expect(__pci_enable_msix_range(pdev, null, 1, 9, null, PCI_IRQ_MSIX)).toBe(-34);
    expect(pdev.msix_enabled).toBe(false);
  });
});

describe("msix_capability_init", () => {
  test("sets Enable, maps the current table size and clears the function mask on success", () => {
    const { pdev, m } = rig("v6.5", 8);
    msi_setup_device_data(pdev.dev);
    pci_setup_msix_device_domain(pdev, 8);
    expect(msix_capability_init(pdev, null, 2, null)).toBe(0);
    expect(ctrl(pdev.config) & 0xc000).toBe(0x8000);
    expect(pdev.msix_base).toEqual({ tsize: 8 });
    expect(m.tracer.entries.find((e) => e.fn === "msix_capability_init")?.args.tsize).toBe(8);
  });
  test("clears Enable and Function Mask on error (out_disable)", () => {
    const { pdev } = rig("v6.5", 8);
    msi_setup_device_data(pdev.dev);
    pci_setup_msix_device_domain(pdev, 4);
    expect(msix_capability_init(pdev, null, 5, null)).toBe(-34);
    expect(ctrl(pdev.config) & 0xc000).toBe(0);
    expect(pdev.msix_enabled).toBe(false);
    expect(pdev.dev.msi.data!.__domains[0]!.store.size).toBe(0);
  });
});

describe("msix_setup_msi_descs", () => {
  test("inserts one descriptor per vector and stops at the first error", () => {
    const { pdev } = rig("v6.5", 8);
    msi_setup_device_data(pdev.dev);
    pci_setup_msix_device_domain(pdev, 3);
    expect(msix_setup_msi_descs(pdev, null, 5, null)).toBe(-34);
    expect([...pdev.dev.msi.data!.__domains[0]!.store.keys()]).toEqual([0, 1, 2]);
  });
});

describe("pci_msix_shutdown", () => {
  test("clears the Enable bit and msix_enabled", () => {
    const { pdev } = rig("v6.5", 8);
    pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
    pci_msix_shutdown(pdev);
    expect(ctrl(pdev.config) & 0x8000).toBe(0);
    expect(pdev.msix_enabled).toBe(false);
  });
});
