/**
 * The MSI core, part two: per-device MSI domains (create, find, remove, their hwsize) and the
 * allocation and freeing of interrupts for the descriptors of a domain. The model splits
 * kernel/irq/msi.c in two files; device data, descriptors and the interrupt lookup are in
 * msi.ts. Both cite the one kernel file.
 * @kernel kernel/irq/msi.c (sources T1 ≈ v6.2–v6.4, I ≈ v6.12, K ≥ v6.16)
 */
import type { device } from "../../include/device";
import { ENODEV } from "../../include/errno";
import {
  type DomainBus,
  type irq_domain,
  MSI_FLAG_FREE_MSI_DESCS,
  MSI_MAX_DEVICE_IRQDOMAINS,
  MSI_XA_DOMAIN_SIZE,
  type msi_desc,
  type msi_domain_template,
  type msi_map,
} from "../../include/msi";
import { allocVirq } from "../../machine";
import { msi_insert_desc, msi_setup_device_data } from "./msi";

/* Per-device domains */

/** msi_get_device_domain - the domain in slot `domid`, or null. @kernel kernel/irq/msi.c; source T1 */
export function msi_get_device_domain(dev: device, domid: number): irq_domain | null {
  if (dev.machine.tracer.warnOnce(domid >= MSI_MAX_DEVICE_IRQDOMAINS, "domid >= MSI_MAX_DEVICE_IRQDOMAINS"))
    return null;
  return dev.msi.data?.__domains[domid]?.domain ?? null;
}

/**
 * msi_domain_get_hwsize - the domain's `info->hwsize`, or MSI_XA_DOMAIN_SIZE without a domain
 * ("No domain, default to MSI_XA_DOMAIN_SIZE"). @kernel kernel/irq/msi.c (v6.2+); sources T1, K
 */
export function msi_domain_get_hwsize(dev: device, domid: number): number {
  const domain = msi_get_device_domain(dev, domid);
  if (domain?.host_data) return domain.host_data.hwsize;
  return MSI_XA_DOMAIN_SIZE;
}

/**
 * msi_match_device_irq_domain - true if slot `domid` holds a domain with `bus_token`.
 * @kernel kernel/irq/msi.c (v6.2+, "Will be used for PCI to avoid frequent create/remove cycles")
 */
export function msi_match_device_irq_domain(dev: device, domid: number, bus_token: DomainBus): boolean {
  const domain = msi_get_device_domain(dev, domid);
  return !!domain && domain.bus_token === bus_token;
}

/**
 * msi_create_device_irq_domain - create a per-device domain of `hwsize` in slot `domid`.
 * Stores `info.hwsize = hwsize`. If the slot is taken: WARN_ON_ONCE and return false (no reuse
 * here; the PCI layer decides reuse). @kernel kernel/irq/msi.c (v6.2+; v6.16+ also prepares
 * the parent for hwsize); sources T1, I
 */
export function msi_create_device_irq_domain(
  dev: device,
  domid: number,
  template: msi_domain_template,
  hwsize: number,
  domain_data: unknown,
  chip_data: unknown,
): boolean {
  void domain_data;
  void chip_data;
  return dev.machine.tracer.call("msi", "msi_create_device_irq_domain", { domid, hwsize }, () => {
    const parent = dev.msi.domain;
    if (!parent?.is_msi_parent || domid >= MSI_MAX_DEVICE_IRQDOMAINS) return false;
    if (msi_setup_device_data(dev)) return false;
    if (dev.machine.tracer.warnOnce(!!msi_get_device_domain(dev, domid), "msi_get_device_domain(dev, domid)")) {
      return false; // fail:
    }
    // __msi_create_irq_domain(): hwsize 0 means "unlimited", hwsize > MSI_XA_DOMAIN_SIZE fails.
    if (hwsize > MSI_XA_DOMAIN_SIZE) return false;
    const domain: irq_domain = {
      name: `${template.name}-${dev.name}`,
      bus_token: template.info.bus_token,
      host_data: {
        flags: template.info.flags,
        hwsize: hwsize || MSI_XA_DOMAIN_SIZE,
        bus_token: template.info.bus_token,
      },
      is_msi_parent: false,
      is_msi_device: true,
      parent_supported_flags: 0,
    };
    dev.msi.data!.__domains[domid]!.domain = domain;
    return true;
  });
}

/**
 * msi_remove_device_irq_domain - remove the per-device domain in slot `domid`, freeing the
 * bundle that holds hwsize. No-op if absent or not a per-device domain. Does NOT free
 * descriptors. @kernel kernel/irq/msi.c (v6.2+; v6.16+ adds msi_teardown); sources T1, I
 */
export function msi_remove_device_irq_domain(dev: device, domid: number): void {
  dev.machine.tracer.call("msi", "msi_remove_device_irq_domain", { domid }, () => {
    const domain = msi_get_device_domain(dev, domid);
    if (!domain || !domain.is_msi_device) return;
    dev.machine.tracer.arg("hwsize", domain.host_data?.hwsize ?? null);
    dev.msi.data!.__domains[domid]!.domain = null;
  });
}

/* Interrupt allocation */

/** __msi_domain_alloc_irqs - give each descriptor in [first, last] without an irq a new virq. @kernel kernel/irq/msi.c */
function __msi_domain_alloc_irqs(dev: device, domid: number, first: number, last: number): number {
  for (const desc of dev.msi.data!.__domains[domid]!.store.values()) {
    if (desc.msi_index >= first && desc.msi_index <= last && !desc.irq) desc.irq = allocVirq(dev.machine);
  }
  return 0;
}

/**
 * msi_domain_alloc_irqs_all_locked - allocate interrupts for the descriptors in [0, hwsize-1].
 * @kernel kernel/irq/msi.c (v6.2+; v6.1: msi_domain_alloc_irqs_descs_locked); source I
 */
export function msi_domain_alloc_irqs_all_locked(dev: device, domid: number, nirqs: number): number {
  return dev.machine.tracer.call("msi", "msi_domain_alloc_irqs_all_locked", { domid, nirqs }, () => {
    const last = msi_domain_get_hwsize(dev, domid) - 1;
    return __msi_domain_alloc_irqs(dev, domid, 0, last);
  });
}

/**
 * msi_domain_free_irqs_all_locked - free interrupts over [0, hwsize-1] (the domain's own,
 * possibly stale, size); descriptors go too since MSI_FLAG_FREE_MSI_DESCS is set.
 * @kernel kernel/irq/msi.c (v6.2+); source I
 */
export function msi_domain_free_irqs_all_locked(dev: device, domid: number): void {
  dev.machine.tracer.call("msi", "msi_domain_free_irqs_all_locked", { domid }, () => {
    const last = msi_domain_get_hwsize(dev, domid) - 1;
    dev.machine.tracer.arg("last", last);
    const slot = dev.msi.data?.__domains[domid];
    if (!slot) return;
    const flags = slot.domain?.host_data?.flags ?? dev.msi.domain?.host_data?.flags ?? MSI_FLAG_FREE_MSI_DESCS;
    for (const [i, desc] of [...slot.store]) {
      if (i > last) continue;
      desc.irq = 0;
      if (flags & MSI_FLAG_FREE_MSI_DESCS) slot.store.delete(i);
    }
  });
}

/**
 * __msi_domain_alloc_irq_at - insert one descriptor at `index` and allocate its interrupt.
 * An msi_insert_desc() failure comes back as `map.index = ret`. @kernel kernel/irq/msi.c (v6.2+); source I
 */
export function __msi_domain_alloc_irq_at(
  dev: device,
  domid: number,
  index: number,
  affdesc: unknown,
  icookie: unknown,
): msi_map {
  void affdesc;
  void icookie;
  return dev.machine.tracer.call("msi", "__msi_domain_alloc_irq_at", { domid, index }, () => {
    const map: msi_map = { index: -ENODEV, virq: 0 };
    const domain = msi_get_device_domain(dev, domid);
    if (!domain) return map;
    const desc: msi_desc = { irq: 0, nvec_used: 1, msi_index: 0, pci: { is_msix: true, is_virtual: false } };
    const ret = msi_insert_desc(dev, desc, domid, index);
    if (ret) return { index: ret, virq: 0 };
    __msi_domain_alloc_irqs(dev, domid, desc.msi_index, desc.msi_index);
    return { index: desc.msi_index, virq: desc.irq };
  });
}

/**
 * msi_domain_alloc_irq_at - __msi_domain_alloc_irq_at() under the descriptor lock.
 * @kernel kernel/irq/msi.c (v6.2+, icookie argument included since v6.2); sources T1, I
 */
export function msi_domain_alloc_irq_at(
  dev: device,
  domid: number,
  index: number,
  affdesc: unknown,
  icookie: unknown,
): msi_map {
  return dev.machine.tracer.call("msi", "msi_domain_alloc_irq_at", { domid, index }, () =>
    __msi_domain_alloc_irq_at(dev, domid, index, affdesc, icookie),
  );
}
