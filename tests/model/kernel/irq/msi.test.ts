import { describe, expect, test } from "vitest";
import { device_driver_detach } from "../../../../src/model/drivers/base/dd";
import { pci_msix_template } from "../../../../src/model/drivers/pci/msi/irqdomain";
import type { msi_desc } from "../../../../src/model/include/msi";
import { MSI_ANY_INDEX, MSI_DEFAULT_DOMAIN, MSI_XA_DOMAIN_SIZE } from "../../../../src/model/include/msi";
import {
  msi_add_msi_desc,
  msi_insert_desc,
  msi_insert_msi_desc,
  msi_setup_device_data,
} from "../../../../src/model/kernel/irq/msi";
import {
  msi_create_device_irq_domain,
  msi_domain_alloc_irq_at,
  msi_domain_free_irqs_all_locked,
  msi_domain_get_hwsize,
  msi_remove_device_irq_domain,
} from "../../../../src/model/kernel/irq/msi_device_domain";
import { rig } from "../../helpers";

const desc = (i = 0): msi_desc => ({ irq: 0, nvec_used: 1, msi_index: i, pci: { is_msix: true, is_virtual: false } });

function withDomain(kernel: "v6.5" | "v6.1" = "v6.5", hwsize = 8) {
  const r = rig(kernel);
  msi_setup_device_data(r.pdev.dev);
  msi_create_device_irq_domain(r.pdev.dev, MSI_DEFAULT_DOMAIN, pci_msix_template, hwsize, null, null);
  return r;
}

describe("msi_insert_desc", () => {
  test("returns -ERANGE when index >= hwsize", () => {
    const { pdev, m } = withDomain();
    expect(msi_insert_desc(pdev.dev, desc(), 0, 8)).toBe(-34);
    expect(m.tracer.entries.at(-1)).toMatchObject({ fn: "msi_insert_desc", args: { index: 8, hwsize: 8 }, ret: -34 });
  });
  test("inserts an index below hwsize", () => {
    const { pdev } = withDomain();
    expect(msi_insert_desc(pdev.dev, desc(), 0, 7)).toBe(0);
    expect([...pdev.dev.msi.data!.__domains[0]!.store.keys()]).toEqual([7]);
  });
  test("returns -EBUSY for an occupied index", () => {
    const { pdev } = withDomain();
    msi_insert_desc(pdev.dev, desc(), 0, 3);
    expect(msi_insert_desc(pdev.dev, desc(), 0, 3)).toBe(-16);
  });
  test("has no range check on v6.1", () => {
    const { pdev } = withDomain("v6.1");
    expect(msi_insert_desc(pdev.dev, desc(), 0, 100)).toBe(0);
  });
  test("MSI_ANY_INDEX takes the lowest free index and fails when the range is full", () => {
    const { pdev } = withDomain("v6.5", 2);
    const d = desc();
    expect(msi_insert_desc(pdev.dev, d, 0, MSI_ANY_INDEX)).toBe(0);
    expect(d.msi_index).toBe(0);
    expect(msi_insert_desc(pdev.dev, desc(), 0, MSI_ANY_INDEX)).toBe(0);
    expect(msi_insert_desc(pdev.dev, desc(), 0, MSI_ANY_INDEX)).toBeLessThan(0);
  });
});

describe("msi_insert_msi_desc", () => {
  test("inserts at init_desc.msi_index in MSI_DEFAULT_DOMAIN", () => {
    const { pdev } = withDomain();
    expect(msi_insert_msi_desc(pdev.dev, desc(5))).toBe(0);
    expect(pdev.dev.msi.data!.__domains[0]!.store.get(5)?.msi_index).toBe(5);
  });

  test("goes through msi_add_msi_desc(), its pre-v6.2 name, on v6.1, with no hwsize bound", () => {
    const { pdev, m } = rig("v6.1");
    msi_setup_device_data(pdev.dev);
    expect(msi_insert_msi_desc(pdev.dev, desc(100))).toBe(0);
    const fns = m.tracer.entries.map((e) => e.fn);
    expect(fns).toContain("msi_add_msi_desc");
    expect(fns).not.toContain("msi_domain_insert_msi_desc");
  });
});

describe("msi_add_msi_desc", () => {
  test("inserts at msi_index in the default store", () => {
    const { pdev } = rig("v6.1");
    msi_setup_device_data(pdev.dev);
    expect(msi_add_msi_desc(pdev.dev, desc(3))).toBe(0);
    expect(pdev.dev.msi.data!.__domains[0]!.store.has(3)).toBe(true);
  });
});

describe("msi_domain_get_hwsize", () => {
  test("returns MSI_XA_DOMAIN_SIZE (65536) when no per-device domain exists", () => {
    const { pdev } = rig("v6.5");
    msi_setup_device_data(pdev.dev);
    expect(msi_domain_get_hwsize(pdev.dev, 0)).toBe(MSI_XA_DOMAIN_SIZE);
    expect(MSI_XA_DOMAIN_SIZE).toBe(65536);
  });
  test("returns the domain's stored hwsize", () => {
    expect(msi_domain_get_hwsize(withDomain("v6.5", 8).pdev.dev, 0)).toBe(8);
  });
});

describe("msi_create_device_irq_domain", () => {
  test("stores hwsize in the new domain", () => {
    const { pdev } = withDomain("v6.5", 8);
    expect(pdev.dev.msi.data!.__domains[0]!.domain?.host_data?.hwsize).toBe(8);
  });
  test("warns once and returns false when a domain already exists", () => {
    const { pdev, m } = withDomain("v6.5", 8);
    expect(msi_create_device_irq_domain(pdev.dev, 0, pci_msix_template, 64, null, null)).toBe(false);
    expect(msi_create_device_irq_domain(pdev.dev, 0, pci_msix_template, 64, null, null)).toBe(false);
    expect(m.tracer.entries.filter((e) => e.fn === "WARN_ON_ONCE")).toHaveLength(1);
    expect(msi_domain_get_hwsize(pdev.dev, 0)).toBe(8);
  });
  test("returns false below a global (non-parent) domain, as on v6.1", () => {
    const { pdev } = rig("v6.1");
    expect(msi_create_device_irq_domain(pdev.dev, 0, pci_msix_template, 8, null, null)).toBe(false);
  });
});

describe("msi_remove_device_irq_domain", () => {
  test("is a no-op when no domain exists", () => {
    const { pdev } = rig("v6.5");
    msi_setup_device_data(pdev.dev);
    expect(() => msi_remove_device_irq_domain(pdev.dev, 0)).not.toThrow();
    expect(pdev.dev.msi.data).not.toBeNull();
  });
  test("removes the domain but not the descriptors", () => {
    const { pdev } = withDomain();
    msi_insert_desc(pdev.dev, desc(), 0, 1);
    msi_remove_device_irq_domain(pdev.dev, 0);
    expect(pdev.dev.msi.data!.__domains[0]!.domain).toBeNull();
    expect(pdev.dev.msi.data!.__domains[0]!.store.size).toBe(1);
  });
});

describe("msi_setup_device_data", () => {
  test("creates the data once and registers a devres release", () => {
    const { pdev } = rig("v6.5");
    expect(msi_setup_device_data(pdev.dev)).toBe(0);
    const md = pdev.dev.msi.data;
    expect(msi_setup_device_data(pdev.dev)).toBe(0);
    expect(pdev.dev.msi.data).toBe(md);
    expect(pdev.dev.devres_head.map((r) => r.name)).toEqual(["msi_device_data"]);
  });
});

describe("msi_device_data_release", () => {
  test("runs at driver unbind and removes the per-device domain", () => {
    const { pdev, m } = withDomain();
    device_driver_detach(pdev.dev);
    expect(pdev.dev.msi.data).toBeNull();
    const fns = m.tracer.entries.map((e) => e.fn);
    expect(fns.indexOf("msi_device_data_release")).toBeLessThan(fns.lastIndexOf("msi_remove_device_irq_domain"));
  });
  test("warns when descriptors are left", () => {
    const { pdev, m } = withDomain();
    msi_insert_desc(pdev.dev, desc(), 0, 0);
    device_driver_detach(pdev.dev);
    expect(m.tracer.entries.some((e) => e.fn === "WARN_ON_ONCE" && String(e.args.condition).includes("xa_empty"))).toBe(
      true,
    );
  });
});

describe("msi_domain_free_irqs_all_locked", () => {
  test("frees interrupts and descriptors over [0, hwsize-1]", () => {
    const { pdev } = withDomain();
    msi_insert_desc(pdev.dev, desc(), 0, 0);
    msi_insert_desc(pdev.dev, desc(), 0, 7);
    msi_domain_free_irqs_all_locked(pdev.dev, 0);
    expect(pdev.dev.msi.data!.__domains[0]!.store.size).toBe(0);
  });
});

describe("msi_domain_alloc_irq_at", () => {
  test("returns {index, virq} with a counter virq", () => {
    const { pdev } = withDomain();
    expect(msi_domain_alloc_irq_at(pdev.dev, 0, 3, null, null)).toEqual({ index: 3, virq: 40 });
    expect(msi_domain_alloc_irq_at(pdev.dev, 0, 4, null, null)).toEqual({ index: 4, virq: 41 });
  });
  test("returns map.index = -ERANGE beyond hwsize", () => {
    const { pdev, m } = withDomain();
    expect(msi_domain_alloc_irq_at(pdev.dev, 0, 8, null, null).index).toBe(-34);
    expect(m.tracer.entries.find((e) => e.fn === "msi_domain_alloc_irq_at")?.ret).toEqual({ index: -34, virq: 0 });
  });
  test("returns -ENODEV without a per-device domain", () => {
    const { pdev } = rig("v6.5");
    msi_setup_device_data(pdev.dev);
    expect(msi_domain_alloc_irq_at(pdev.dev, 0, 0, null, null).index).toBe(-19);
  });
});
