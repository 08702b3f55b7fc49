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
 * msi_domain_prepare_irqs - the parent's msi_prepare op for `nvec` vectors of `dev` (x86 fills in
 * its allocation info; the ITS creates or sizes the device's table). Before v6.16 every
 * allocation calls it; from v6.16 a per-device domain calls it once, at creation, with hwsize.
 * @kernel kernel/irq/msi.c (static); v6.16-rc1 "genirq/msi: Move prepare() call to per-device
 * allocation"
 */
export function msi_domain_prepare_irqs(domain: irq_domain, dev: device, nvec: number): number {
  return dev.machine.tracer.call(
    "msi",
    "msi_domain_prepare_irqs",
    { nvec, parent: dev.msi.domain?.name ?? null },
    () => {
      void domain;
      return 0;
    },
  );
}

/**
 * msi_create_device_irq_domain - create a per-device domain of `hwsize` in slot `domid`.
 * Stores `info.hwsize = hwsize`. If the slot is taken: WARN_ON_ONCE and return false (no reuse
 * here; the PCI layer decides reuse). From v6.16 it also runs the parent's prepare for hwsize.
 * @kernel kernel/irq/msi.c (v6.2+; v6.16+ prepares the parent for hwsize); sources T1, I
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
    if (dev.machine.features.prepareAtDomainCreation && msi_domain_prepare_irqs(domain, dev, hwsize)) {
      dev.msi.data!.__domains[domid]!.domain = null; // irq_domain_remove(domain)
      return false;
    }
    return true;
  });
}

/**
 * msi_domain_ops_teardown / its_msi_teardown - the parent's msi_teardown op: the default no-op
 * on x86, the ITS device's unmap and free on arm64. Called only from v6.16.
 * @kernel kernel/irq/msi.c (msi_domain_ops_teardown), drivers/irqchip/irq-gic-v3-its.c
 * (its_msi_teardown); v6.16-rc1 "genirq/msi: Add .msi_teardown() callback as the reverse of .msi_prepare()"
 */
function msiTeardownOp(dev: device): void {
  const fn = dev.machine.features.platform === "arm64" ? "its_msi_teardown" : "msi_domain_ops_teardown";
  dev.machine.tracer.call("msi", fn, { parent: dev.msi.domain?.name ?? null }, () => undefined);
}

/**
 * msi_remove_device_irq_domain - remove the per-device domain in slot `domid`, freeing the
 * bundle that holds hwsize. No-op if absent or not a per-device domain. Does NOT free
 * descriptors. From v6.16 it first calls the parent's msi_teardown.
 * @kernel kernel/irq/msi.c (v6.2+; v6.16+ adds msi_teardown); sources T1, I
 */
export function msi_remove_device_irq_domain(dev: device, domid: number): void {
  dev.machine.tracer.call("msi", "msi_remove_device_irq_domain", { domid }, () => {
    const domain = msi_get_device_domain(dev, domid);
    if (!domain?.is_msi_device) return;
    dev.machine.tracer.arg("hwsize", domain.host_data?.hwsize ?? null);
    dev.msi.data!.__domains[domid]!.domain = null;
    if (dev.machine.features.prepareAtDomainCreation) msiTeardownOp(dev); // info->ops->msi_teardown()
  });
}

/* Interrupt allocation */

/**
 * __msi_domain_alloc_irqs - prepare the parent (every call before v6.16, and always for a global
 * domain: populate_alloc_info() copies the creation-time info of a per-device domain from
 * v6.16), then give each descriptor in [first, last] without an irq a new virq.
 * @kernel kernel/irq/msi.c (static)
 */
function __msi_domain_alloc_irqs(dev: device, domid: number, first: number, last: number, nirqs: number): number {
  const domain = msi_get_device_domain(dev, domid);
  if (domain && !(dev.machine.features.prepareAtDomainCreation && domain.is_msi_device)) {
    const ret = msi_domain_prepare_irqs(domain, dev, nirqs);
    if (ret) return ret;
  }
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
    return __msi_domain_alloc_irqs(dev, domid, 0, last, nirqs);
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
 * The body of msi_domain_alloc_irq_at(): look the domain up, insert one descriptor at `index`,
 * allocate its interrupt. An msi_insert_desc() failure comes back as `map.index = ret`.
 */
function allocIrqAt(dev: device, domid: number, index: number): msi_map {
  const map: msi_map = { index: -ENODEV, virq: 0 };
  const domain = msi_get_device_domain(dev, domid);
  if (!domain) return map;
  const desc: msi_desc = { irq: 0, nvec_used: 1, msi_index: 0, pci: { is_msix: true, is_virtual: false } };
  const ret = msi_insert_desc(dev, desc, domid, index);
  if (ret) return { index: ret, virq: 0 };
  const err = __msi_domain_alloc_irqs(dev, domid, desc.msi_index, desc.msi_index, 1);
  if (err) return { index: err, virq: 0 }; // msi_domain_free_locked()
  return { index: desc.msi_index, virq: desc.irq };
}

/**
 * __msi_domain_alloc_irq_at - the body of msi_domain_alloc_irq_at(), split out in v6.9: insert
 * one descriptor at `index` and allocate its interrupt; `map.index = ret` on failure.
 * @kernel kernel/irq/msi.c (v6.9+: 3095cc0d5b2c "genirq/msi: Split msi_domain_alloc_irq_at()"); sources I, K
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
  return dev.machine.tracer.call("msi", "__msi_domain_alloc_irq_at", { domid, index }, () =>
    allocIrqAt(dev, domid, index),
  );
}

/**
 * msi_domain_alloc_irq_at - allocate one interrupt at `index` under the descriptor lock. Up to
 * v6.8 it does the work itself (msi_insert_desc() is its direct callee); from v6.9 it calls
 * __msi_domain_alloc_irq_at().
 * @kernel kernel/irq/msi.c (v6.2+, icookie argument included since v6.2; split in v6.9); sources T1, I
 */
export function msi_domain_alloc_irq_at(
  dev: device,
  domid: number,
  index: number,
  affdesc: unknown,
  icookie: unknown,
): msi_map {
  return dev.machine.tracer.call("msi", "msi_domain_alloc_irq_at", { domid, index }, () =>
    dev.machine.features.splitAllocIrqAt
      ? __msi_domain_alloc_irq_at(dev, domid, index, affdesc, icookie)
      : allocIrqAt(dev, domid, index),
  );
}
