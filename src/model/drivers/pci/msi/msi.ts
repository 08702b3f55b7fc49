/**
 * PCI/MSI-X enable and disable: the fresh Table Size read, domain setup, descriptor setup
 * (where a stale hwsize yields -ERANGE) and the shutdown path.
 * @kernel drivers/pci/msi/msi.c (sources GMSI < v6.16, K ≥ v6.16: same logic)
 */
import { EINVAL, ENODEV, ENOSPC, ENOTSUPP, ERANGE } from "../../../include/errno";
import { MSI_FLAG_PCI_MSIX, type msi_desc } from "../../../include/msi";
import { PCI_IRQ_VIRTUAL, type pci_dev } from "../../../include/pci";
import {
  msix_table_size,
  PCI_CAP_ID_MSIX,
  PCI_MSIX_FLAGS,
  PCI_MSIX_FLAGS_ENABLE,
  PCI_MSIX_FLAGS_MASKALL,
} from "../../../include/pci_regs";
import { msi_insert_msi_desc, msi_setup_device_data } from "../../../kernel/irq/msi";
import { pci_read_config_word, pci_write_config_word } from "../access";
import { pci_msix_vec_count } from "./api";
import {
  pci_msi_domain_supports,
  pci_msi_setup_msi_irqs,
  pci_msi_teardown_msi_irqs,
  pci_setup_msix_device_domain,
} from "./irqdomain";

/** pci_msix_clear_and_set_ctrl - read-modify-write of MSI-X Message Control. @kernel drivers/pci/msi/msi.c */
export function pci_msix_clear_and_set_ctrl(dev: pci_dev, clear: number, set: number): void {
  const at = dev.msix_cap + PCI_MSIX_FLAGS;
  const ctrl = pci_read_config_word(dev, at);
  pci_write_config_word(dev, at, (ctrl & ~clear) | set);
}

/**
 * pci_setup_msi_context - MSI device data first (devres), then pcim release (a no-op for
 * unmanaged devices such as vfio-pci's). @kernel drivers/pci/msi/msi.c (v6.2+); source GMSI
 */
export function pci_setup_msi_context(dev: pci_dev): number {
  return dev.dev.machine.tracer.call("pci", "pci_setup_msi_context", {}, () => msi_setup_device_data(dev.dev));
}

/**
 * msix_setup_msi_descs - insert one descriptor per vector 0..nvec-1. A stale domain hwsize
 * makes msi_insert_msi_desc() fail here with -ERANGE when nvec > hwsize.
 * @kernel drivers/pci/msi/msi.c; sources GMSI, K
 */
export function msix_setup_msi_descs(dev: pci_dev, entries: null, nvec: number, masks: null): number {
  void entries;
  void masks;
  return dev.dev.machine.tracer.call("pci", "msix_setup_msi_descs", { nvec }, () => {
    const vec_count = pci_msix_vec_count(dev);
    let ret = 0;
    for (let i = 0; i < nvec; i++) {
      const desc: msi_desc = { irq: 0, nvec_used: 1, msi_index: i, pci: { is_msix: true, is_virtual: i >= vec_count } };
      ret = msi_insert_msi_desc(dev.dev, desc);
      if (ret) break;
    }
    return ret;
  });
}

/**
 * msix_setup_interrupts - descriptors, then interrupts; on error frees what was set up
 * (`out_free: pci_free_msi_irqs()`). @kernel drivers/pci/msi/msi.c; sources GMSI, K
 */
export function msix_setup_interrupts(dev: pci_dev, entries: null, nvec: number, affd: null): number {
  return dev.dev.machine.tracer.call("pci", "msix_setup_interrupts", { nvec }, () => {
    let ret = msix_setup_msi_descs(dev, entries, nvec, affd);
    if (!ret) ret = pci_msi_setup_msi_irqs(dev, nvec, PCI_CAP_ID_MSIX);
    if (ret) pci_free_msi_irqs(dev); // out_free:
    return ret;
  });
}

/**
 * msix_capability_init - set ENABLE|MASKALL, re-read the Table Size and map that many entries,
 * set up the interrupts, then clear MASKALL. `out_disable:` clears ENABLE|MASKALL on error.
 * @kernel drivers/pci/msi/msi.c; sources GMSI, K
 */
export function msix_capability_init(dev: pci_dev, entries: null, nvec: number, affd: null): number {
  return dev.dev.machine.tracer.call("pci", "msix_capability_init", { nvec }, () => {
    pci_msix_clear_and_set_ctrl(dev, 0, PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE);
    dev.msix_enabled = true; // "Mark it enabled so setup functions can query it"
    const control = pci_read_config_word(dev, dev.msix_cap + PCI_MSIX_FLAGS);
    const tsize = msix_table_size(control);
    dev.dev.machine.tracer.arg("tsize", tsize);
    dev.msix_base = { tsize }; // msix_map_region()
    const ret = msix_setup_interrupts(dev, entries, nvec, affd);
    if (ret) {
      // out_disable:
      dev.msix_enabled = false;
      pci_msix_clear_and_set_ctrl(dev, PCI_MSIX_FLAGS_MASKALL | PCI_MSIX_FLAGS_ENABLE, 0);
      return ret;
    }
    pci_msix_clear_and_set_ctrl(dev, PCI_MSIX_FLAGS_MASKALL, 0);
    return 0;
  });
}

/**
 * __pci_enable_msix_range - fresh Table Size read (hwsize), clamp nvec, -ENOSPC if below
 * minvec, MSI context, domain setup (-ENODEV if it fails), then msix_capability_init().
 * @kernel drivers/pci/msi/msi.c (v6.2+: domain setup with hwsize); sources GMSI, K
 */
export function __pci_enable_msix_range(
  dev: pci_dev,
  entries: null,
  minvec: number,
  maxvec: number,
  affd: null,
  flags: number,
): number {
  const t = dev.dev.machine.tracer;
  return t.call("pci", "__pci_enable_msix_range", { minvec, maxvec }, () => {
    let nvec = maxvec;
    if (maxvec < minvec) return -ERANGE;
    if (dev.msi_enabled) return -EINVAL; // "can't enable MSI-X (MSI already enabled)"
    if (t.warnOnce(dev.msix_enabled, "dev->msix_enabled")) return -EINVAL;
    if (!pci_msi_domain_supports(dev, MSI_FLAG_PCI_MSIX, "ALLOW_LEGACY")) return -ENOTSUPP;
    let hwsize = pci_msix_vec_count(dev);
    if (hwsize < 0) return hwsize;
    if (hwsize < nvec) {
      if (flags & PCI_IRQ_VIRTUAL)
        hwsize = nvec; // "Keep the IRQ virtual hackery working"
      else nvec = hwsize;
    }
    if (nvec < minvec) return -ENOSPC;
    const rc = pci_setup_msi_context(dev);
    if (rc) return rc;
    // v6.1 has no per-device domain step: it arrived with v6.2-rc1 "PCI/MSI: Add support
    // for per device MSI[X] domains" (irq/core pull for v6.2-rc1).
    if (dev.dev.machine.features.perDeviceDomains && !pci_setup_msix_device_domain(dev, hwsize)) return -ENODEV;
    for (;;) {
      const r = msix_capability_init(dev, entries, nvec, affd);
      if (r === 0) return nvec;
      if (r < 0) return r;
      if (r < minvec) return -ENOSPC;
      nvec = r;
    }
  });
}

/**
 * pci_msix_shutdown - mask every descriptor, clear ENABLE, `msix_enabled = 0`.
 * @kernel drivers/pci/msi/msi.c; sources GMSI, T3
 */
export function pci_msix_shutdown(dev: pci_dev): void {
  dev.dev.machine.tracer.call("pci", "pci_msix_shutdown", {}, () => {
    if (!dev.msix_enabled) return;
    pci_msix_clear_and_set_ctrl(dev, PCI_MSIX_FLAGS_ENABLE, 0);
    dev.msix_enabled = false;
  });
}

/**
 * pci_free_msi_irqs - free interrupts and descriptors (pci_msi_teardown_msi_irqs), unmap the
 * table. Never removes the per-device domain. @kernel drivers/pci/msi/msi.c; sources T2, GMSI
 */
export function pci_free_msi_irqs(dev: pci_dev): void {
  dev.dev.machine.tracer.call("pci", "pci_free_msi_irqs", {}, () => {
    pci_msi_teardown_msi_irqs(dev);
    dev.msix_base = null; // iounmap(dev->msix_base)
  });
}
