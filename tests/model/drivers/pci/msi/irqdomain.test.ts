import { describe, expect, test } from "vitest";
import { pci_alloc_irq_vectors, pci_free_irq_vectors } from "../../../../../src/model/drivers/pci/msi/api";
import {
  pci_create_device_domain,
  pci_msix_template,
  pci_setup_msix_device_domain,
} from "../../../../../src/model/drivers/pci/msi/irqdomain";
import { PCI_IRQ_MSIX } from "../../../../../src/model/include/pci";
import { msi_setup_device_data } from "../../../../../src/model/kernel/irq/msi";
import { rig } from "../../../helpers";

describe("pci_setup_msix_device_domain", () => {
  test("reuses an existing MSI-X domain without comparing hwsize", () => {
    const { pdev, m } = rig("v6.5", 8);
    pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);
    pci_free_irq_vectors(pdev);
    m.tracer.clear();
    expect(pci_setup_msix_device_domain(pdev, 64)).toBe(true);
    expect(pdev.dev.msi.data!.__domains[0]!.domain?.host_data?.hwsize).toBe(8);
    expect(m.tracer.entries.map((e) => e.fn)).not.toContain("msi_create_device_irq_domain");
    expect(m.tracer.entries.map((e) => e.fn)).not.toContain("WARN_ON_ONCE");
  });
  test("warns on a size change only in the hypothetical v6.5+warn profile, and still reuses", () => {
    const { pdev, m } = rig("v6.5+warn", 8);
    pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);
    pci_free_irq_vectors(pdev);
    expect(pci_setup_msix_device_domain(pdev, 64)).toBe(true);
    expect(m.tracer.entries.filter((e) => e.fn === "WARN_ON_ONCE").map((e) => e.args.condition)).toEqual([
      "hwsize != info->hwsize",
    ]);
    expect(pdev.dev.msi.data!.__domains[0]!.domain?.host_data?.hwsize).toBe(8);
  });
  test("creates a domain of hwsize when none exists", () => {
    const { pdev } = rig("v6.5", 8);
    msi_setup_device_data(pdev.dev);
    expect(pci_setup_msix_device_domain(pdev, 16)).toBe(true);
    expect(pdev.dev.msi.data!.__domains[0]!.domain?.host_data?.hwsize).toBe(16);
  });
  test("removes an MSI (non-X) domain before creating the MSI-X one", () => {
    const { pdev, m } = rig("v6.5", 8);
    msi_setup_device_data(pdev.dev);
    pci_setup_msix_device_domain(pdev, 8);
    pdev.dev.msi.data!.__domains[0]!.domain!.bus_token = "DOMAIN_BUS_PCI_DEVICE_MSI";
    expect(pci_setup_msix_device_domain(pdev, 4)).toBe(true);
    expect(m.tracer.entries.filter((e) => e.fn === "msi_remove_device_irq_domain")).toHaveLength(1);
    expect(pdev.dev.msi.data!.__domains[0]!.domain?.host_data?.hwsize).toBe(4);
  });
});

describe("pci_create_device_domain", () => {
  test("returns true without creating a domain on a global MSI domain (v6.1)", () => {
    const { pdev } = rig("v6.1", 8);
    msi_setup_device_data(pdev.dev);
    expect(pci_create_device_domain(pdev, pci_msix_template, 8)).toBe(true);
    expect(pdev.dev.msi.data!.__domains[0]!.domain?.is_msi_device).toBe(false);
  });
});
