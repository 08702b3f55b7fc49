import { describe, expect, test } from "vitest";
import { device_driver_attach, device_driver_detach } from "../../../../src/model/drivers/base/dd";
import { pci_alloc_irq_vectors, pci_free_irq_vectors } from "../../../../src/model/drivers/pci/msi/api";
import { vfio_pci_driver } from "../../../../src/model/drivers/vfio/pci/vfio_pci";
import { PCI_IRQ_MSIX } from "../../../../src/model/include/pci";
import { rig } from "../../helpers";

describe("device_driver_attach", () => {
  test("returns -EBUSY when a driver is already bound", () => {
    const { pdev } = rig("v6.5");
    expect(device_driver_attach(vfio_pci_driver, pdev.dev)).toBe(-16);
  });
  test("binds and probes an unbound device", () => {
    const { pdev, m } = rig("v6.5", 8, false);
    expect(device_driver_attach(vfio_pci_driver, pdev.dev)).toBe(0);
    expect(pdev.dev.driver?.name).toBe("vfio-pci");
    expect(m.tracer.entries.map((e) => e.fn)).toContain("vfio_pci_probe");
  });
});

describe("device_driver_detach", () => {
  test("releases devres, and with it the MSI data and the per-device domain", () => {
    const { pdev, m } = rig("v6.5");
    pci_alloc_irq_vectors(pdev, 1, 8, PCI_IRQ_MSIX);
    pci_free_irq_vectors(pdev);
    m.tracer.clear();
    device_driver_detach(pdev.dev);
    expect(pdev.dev.driver).toBeNull();
    expect(pdev.dev.msi.data).toBeNull();
    expect(m.tracer.entries.map((e) => e.fn)).toEqual([
      "device_driver_detach",
      "vfio_pci_remove",
      "device_unbind_cleanup",
      "devres_release_all",
      "msi_device_data_release",
      "msi_remove_device_irq_domain",
    ]);
  });
});
