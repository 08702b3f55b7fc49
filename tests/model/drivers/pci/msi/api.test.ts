import { describe, expect, test } from "vitest";
import {
  pci_alloc_irq_vectors,
  pci_free_irq_vectors,
  pci_irq_vector,
  pci_msix_alloc_irq_at,
  pci_msix_can_alloc_dyn,
  pci_msix_vec_count,
} from "../../../../../src/model/drivers/pci/msi/api";
import { PCI_IRQ_MSIX } from "../../../../../src/model/include/pci";
import { rig, setTableSize } from "../../../helpers";

describe("pci_msix_vec_count", () => {
  test("reads the Table Size from config space on every call", () => {
    const { pdev } = rig("v6.5", 8);
    expect(pci_msix_vec_count(pdev)).toBe(8);
    setTableSize(pdev, 64);
    expect(pci_msix_vec_count(pdev)).toBe(64);
  });
});

describe("pci_alloc_irq_vectors", () => {
  test("returns the number of vectors and numbers IRQs from 40", () => {
    const { pdev } = rig("v6.5", 8);
    expect(pci_alloc_irq_vectors(pdev, 1, 3, PCI_IRQ_MSIX)).toBe(3);
    expect([0, 1, 2].map((n) => pci_irq_vector(pdev, n))).toEqual([40, 41, 42]);
  });
  test("returns -ENOSPC without PCI_IRQ_MSIX (MSI/INTx not modelled on these VFs)", () => {
    const { pdev } = rig("v6.5", 8);
    expect(pci_alloc_irq_vectors(pdev, 1, 3, 0)).toBe(-28);
  });
});

describe("pci_free_irq_vectors", () => {
  test("keeps the per-device domain after pci_free_irq_vectors", () => {
    const { pdev } = rig("v6.5", 8);
    pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);
    pci_free_irq_vectors(pdev);
    expect(pdev.msix_enabled).toBe(false);
    expect(pdev.dev.msi.data!.__domains[0]!.store.size).toBe(0);
    expect(pdev.dev.msi.data!.__domains[0]!.domain?.host_data?.hwsize).toBe(8);
  });
});

describe("pci_irq_vector", () => {
  test("returns -EINVAL for an index with no descriptor", () => {
    const { pdev } = rig("v6.5", 8);
    pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
    expect(pci_irq_vector(pdev, 5)).toBe(-22);
  });
  test("returns dev->irq (0 for a VF) for vector 0 while MSI-X is off", () => {
    expect(pci_irq_vector(rig("v6.5").pdev, 0)).toBe(0);
  });
});

describe("pci_msix_can_alloc_dyn", () => {
  test("is true from v6.2 on and false on v6.1", () => {
    expect(pci_msix_can_alloc_dyn(rig("v6.1").pdev)).toBe(false);
    expect(pci_msix_can_alloc_dyn(rig("v6.2").pdev)).toBe(true);
    expect(pci_msix_can_alloc_dyn(rig("v6.5").pdev)).toBe(true);
  });
});

describe("pci_msix_alloc_irq_at", () => {
  test("returns {index: -ENOTSUPP} (524) when MSI-X is not enabled", () => {
    expect(pci_msix_alloc_irq_at(rig("v6.5").pdev, 0, null).index).toBe(-524);
  });
  test("returns {index: -ENOTSUPP} without dynamic allocation (v6.1)", () => {
    const { pdev } = rig("v6.1", 8);
    pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
    expect(pci_msix_alloc_irq_at(pdev, 1, null).index).toBe(-524);
  });
  test("allocates a new vector after enable", () => {
    const { pdev } = rig("v6.5", 8);
    pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
    expect(pci_msix_alloc_irq_at(pdev, 7, null)).toEqual({ index: 7, virq: 41 });
  });
  test("returns {index: -ERANGE} at the stale hwsize", () => {
    const { pdev } = rig("v6.5", 8);
    pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX);
    setTableSize(pdev, 64);
    expect(pci_msix_alloc_irq_at(pdev, 8, null).index).toBe(-34);
  });
});
