/**
 * The MSI core, part one: MSI device data (devres), descriptor insertion with the hwsize bound,
 * and the lookup of a descriptor's interrupt. The model splits kernel/irq/msi.c in two files;
 * per-device domains and interrupt allocation in them are in msi_device_domain.ts. Both cite
 * the one kernel file.
 * @kernel kernel/irq/msi.c (sources T1 ≈ v6.2–v6.4, I ≈ v6.12, K ≥ v6.16)
 */

import { devres_add } from "../../drivers/base/devres";
import type { device } from "../../include/device";
import { EBUSY, ERANGE } from "../../include/errno";
import {
  MSI_ANY_INDEX,
  MSI_DEFAULT_DOMAIN,
  MSI_MAX_DEVICE_IRQDOMAINS,
  MSI_MAX_INDEX,
  MSI_XA_DOMAIN_SIZE,
  type msi_desc,
  type msi_device_data,
} from "../../include/msi";
import { msi_domain_get_hwsize, msi_remove_device_irq_domain } from "./msi_device_domain";

/* MSI device data */

/**
 * msi_setup_device_data - set up MSI device data (devres-managed) on first use.
 * Returns 0 at once if it already exists; freed at driver unbind by msi_device_data_release().
 * @kernel kernel/irq/msi.c (v6.2+: one store per domid; the global domain is copied into
 * slot MSI_DEFAULT_DOMAIN, an MSI parent is not); sources T1, K
 */
export function msi_setup_device_data(dev: device): number {
  return dev.machine.tracer.call("msi", "msi_setup_device_data", {}, () => {
    if (dev.msi.data) return 0;
    const md: msi_device_data = { __domains: [] };
    for (let i = 0; i < MSI_MAX_DEVICE_IRQDOMAINS; i++) md.__domains.push({ store: new Map(), domain: null });
    const parent = dev.msi.domain;
    if (parent && !parent.is_msi_parent) md.__domains[MSI_DEFAULT_DOMAIN]!.domain = parent;
    devres_add(dev, { name: "msi_device_data", release: msi_device_data_release, data: md });
    dev.msi.data = md;
    return 0;
  });
}

/**
 * msi_device_data_release - devres release: remove every per-device domain, then warn if
 * descriptors are left. @kernel kernel/irq/msi.c; sources T1, K
 */
export function msi_device_data_release(dev: device, res: unknown): void {
  const md = res as msi_device_data;
  const t = dev.machine.tracer;
  t.call("msi", "msi_device_data_release", {}, () => {
    for (let i = 0; i < MSI_MAX_DEVICE_IRQDOMAINS; i++) {
      msi_remove_device_irq_domain(dev, i);
      t.warnOnce(md.__domains[i]!.store.size !== 0, "!xa_empty(&md->__domains[i].store)");
      md.__domains[i]!.store.clear();
    }
    dev.msi.data = null;
  });
}

/* Descriptors */

/**
 * msi_insert_desc - store `desc` at `index` (or a free index for MSI_ANY_INDEX).
 * Explicit index >= hwsize → -ERANGE; an occupied index → -EBUSY (xa_insert). On failure the
 * descriptor is freed. @kernel kernel/irq/msi.c (v6.2+: range check, "genirq/msi: Add range
 * checking to msi_insert_desc()"; v6.1 had none); sources T1, I, K
 */
export function msi_insert_desc(dev: device, desc: msi_desc, domid: number, index: number): number {
  const m = dev.machine;
  return m.tracer.call("msi", "msi_insert_desc", { index: index === MSI_ANY_INDEX ? "MSI_ANY_INDEX" : index }, () => {
    const xa = dev.msi.data!.__domains[domid]!.store;
    const hwsize = m.features.insertRangeCheck ? msi_domain_get_hwsize(dev, domid) : MSI_XA_DOMAIN_SIZE;
    if (m.features.insertRangeCheck) m.tracer.arg("hwsize", hwsize);
    if (index === MSI_ANY_INDEX) {
      for (let i = 0; i <= hwsize - 1; i++) {
        if (!xa.has(i)) {
          desc.msi_index = i;
          xa.set(i, desc);
          return 0;
        }
      }
      return -EBUSY; // xa_alloc() on a full range; fail: msi_free_desc(desc)
    }
    if (m.features.insertRangeCheck && index >= hwsize) return -ERANGE; // fail: msi_free_desc(desc)
    desc.msi_index = index;
    if (xa.has(index)) return -EBUSY; // xa_insert(); fail: msi_free_desc(desc)
    xa.set(index, desc);
    return 0;
  });
}

/**
 * msi_domain_insert_msi_desc - allocate a descriptor, copy the PCI part of `init_desc`, insert it
 * at `init_desc.msi_index`. Caller holds the descriptor mutex. @kernel kernel/irq/msi.c; sources T1, K
 */
export function msi_domain_insert_msi_desc(dev: device, domid: number, init_desc: msi_desc): number {
  return dev.machine.tracer.call("msi", "msi_domain_insert_msi_desc", { domid, index: init_desc.msi_index }, () => {
    const desc: msi_desc = { irq: 0, nvec_used: init_desc.nvec_used, msi_index: 0, pci: { ...init_desc.pci } };
    return msi_insert_desc(dev, desc, domid, init_desc.msi_index);
  });
}

/**
 * msi_insert_msi_desc - msi_domain_insert_msi_desc() for MSI_DEFAULT_DOMAIN. On the v6.1 profile
 * the PCI code calls the older msi_add_msi_desc() instead.
 * @kernel include/linux/msi.h (static inline, v6.2+)
 */
export function msi_insert_msi_desc(dev: device, init_desc: msi_desc): number {
  if (!dev.machine.features.perDeviceDomains) return msi_add_msi_desc(dev, init_desc);
  return msi_domain_insert_msi_desc(dev, MSI_DEFAULT_DOMAIN, init_desc);
}

/**
 * msi_add_msi_desc - allocate a descriptor like `init_desc` and insert it at its msi_index, in
 * the single per-device store of kernels before per-device domains (no hwsize to check against).
 * @kernel kernel/irq/msi.c (up to v6.1; renamed msi_insert_msi_desc() in the v6.2 series,
 * "genirq/msi: Rename msi_add_msi_desc() to msi_insert_msi_desc()",
 * Message-ID 20221124230314.103554618@linutronix.de)
 */
export function msi_add_msi_desc(dev: device, init_desc: msi_desc): number {
  return dev.machine.tracer.call("msi", "msi_add_msi_desc", { index: init_desc.msi_index }, () => {
    const desc: msi_desc = { irq: 0, nvec_used: init_desc.nvec_used, msi_index: 0, pci: { ...init_desc.pci } };
    return msi_insert_desc(dev, desc, MSI_DEFAULT_DOMAIN, init_desc.msi_index);
  });
}

/**
 * msi_domain_get_virq - the interrupt of descriptor `index`, 0 if none. Checks only
 * `index > MSI_MAX_INDEX`, not hwsize. @kernel kernel/irq/msi.c; sources T1, K
 */
export function msi_domain_get_virq(dev: device, domid: number, index: number): number {
  if (!dev.msi.data) return 0;
  if (
    dev.machine.tracer.warnOnce(
      index > MSI_MAX_INDEX || domid >= MSI_MAX_DEVICE_IRQDOMAINS,
      "index > MSI_MAX_INDEX || domid >= MSI_MAX_DEVICE_IRQDOMAINS",
    )
  )
    return 0;
  const pcimsi = domid === MSI_DEFAULT_DOMAIN && dev.pdev.msi_enabled;
  const desc = dev.msi.data.__domains[domid]!.store.get(pcimsi ? 0 : index);
  if (!desc?.irq) return 0;
  if (pcimsi) return index < desc.nvec_used ? desc.irq + index : 0;
  return desc.irq;
}

/** msi_get_virq - msi_domain_get_virq() for MSI_DEFAULT_DOMAIN. @kernel include/linux/msi_api.h (static inline) */
export function msi_get_virq(dev: device, index: number): number {
  return msi_domain_get_virq(dev, MSI_DEFAULT_DOMAIN, index);
}
