/**
 * Scaffolding: building PCI functions (a PF and its SR-IOV VFs) with real config space,
 * and the device-side change of the MSI-X Table Size (firmware or PF driver).
 */

import { pci_bus_type } from "./drivers/pci/pci-driver";
import type { device, pci_driver } from "./include/device";
import { EINVAL } from "./include/errno";
import type { pci_dev } from "./include/pci";
import {
  PCI_CAP_ID_MSIX,
  PCI_CAPABILITY_LIST,
  PCI_MSIX_FLAGS,
  PCI_MSIX_FLAGS_QSIZE,
  PCI_MSIX_PBA,
  PCI_MSIX_TABLE,
} from "./include/pci_regs";
import type { Machine } from "./machine";

/** Where the model puts the MSI-X capability. */
export const MSIX_CAP_OFFSET = 0xa0;
/** Largest MSI-X Table Size (11-bit QSIZE field, N-1 encoded). */
export const MSIX_MAX_TABLE_SIZE = 2048;

/** A malformed PCI address throws; the model wants the domain:bus:dev.fn form. */
export const BDF_RE = /^[0-9a-f]{4}:[0-9a-f]{2}:[01][0-9a-f]\.[0-7]$/;

function newDevice(m: Machine, bdf: string, msixTableSize: number): pci_dev {
  const config = new Uint8Array(4096);
  const pdev = {
    config,
    msix_cap: 0,
    msi_cap: 0,
    msix_enabled: false,
    msi_enabled: false,
    msix_base: null,
    irq: 0,
    is_virtfn: false,
    physfn: null,
    default_msix_count: msixTableSize,
    vf_total_msix: 0,
    driver_override: null,
  } as unknown as pci_dev;
  const dev: device = {
    name: bdf,
    machine: m,
    bus: pci_bus_type,
    driver: null,
    driver_data: null,
    devres_head: [],
    msi: { domain: m.msi_domain, data: null },
    pdev,
  };
  pdev.dev = dev;
  return pdev;
}

/**
 * Builds a VF with an MSI-X capability at 0xa0 (Table Size N-1 in QSIZE; BAR 0 table/PBA). The VF
 * arrives with `driver_override` set to vfio-pci, the admin's usual step before binding it
 * (`echo vfio-pci > /sys/bus/pci/devices/<vf>/driver_override`), taken as done and not traced.
 */
export function createVf(m: Machine, bdf: string, msixTableSize: number, pf: pci_dev): pci_dev {
  const pdev = newDevice(m, bdf, msixTableSize);
  const c = pdev.config;
  c[PCI_CAPABILITY_LIST] = MSIX_CAP_OFFSET;
  c[MSIX_CAP_OFFSET] = PCI_CAP_ID_MSIX;
  c[MSIX_CAP_OFFSET + 1] = 0; // end of the capability list
  pdev.msix_cap = MSIX_CAP_OFFSET;
  setTableSize(pdev, msixTableSize);
  c[MSIX_CAP_OFFSET + PCI_MSIX_TABLE] = 0; // BIR 0, offset 0
  c[MSIX_CAP_OFFSET + PCI_MSIX_PBA + 1] = 0x08; // BIR 0, offset 0x800
  pdev.is_virtfn = true;
  pdev.physfn = pf;
  pdev.driver_override = "vfio-pci";
  return pdev;
}

/** Builds a PF (no MSI-X modelled) bound to `driver`, with a VF MSI-X pool. */
export function createPf(m: Machine, bdf: string, driver: pci_driver, vfTotalMsix: number): pci_dev {
  const pdev = newDevice(m, bdf, 0);
  pdev.physfn = pdev;
  pdev.vf_total_msix = vfTotalMsix;
  pdev.dev.driver = driver;
  return pdev;
}

/** Device side: writes the Table Size field (QSIZE = n - 1), keeping Enable and Function Mask. */
export function setTableSize(pdev: pci_dev, n: number): void {
  const at = pdev.msix_cap + PCI_MSIX_FLAGS;
  const old = pdev.config[at]! | (pdev.config[at + 1]! << 8);
  const v = (old & ~PCI_MSIX_FLAGS_QSIZE) | ((n - 1) & PCI_MSIX_FLAGS_QSIZE);
  pdev.config[at] = v & 0xff;
  pdev.config[at + 1] = (v >> 8) & 0xff;
}

/**
 * The PF driver of the model, after mlx5_core's `sriov_set_msix_vec_count` (it programs the
 * VF's Table Size; 0 restores mlx5's default, which is driver-dependent: ice, which implements
 * the callback from v6.7 (05c16687e0cc), changes nothing on 0, as read in v6.8). The bound check against the pool is derived:
 * mlx5's exact checks were not read.
 */
export function createPfDriver(name: string, withCallback: boolean): pci_driver {
  const drv: pci_driver = { name, probe: () => 0, remove: () => {} };
  if (withCallback) {
    drv.sriov_set_msix_vec_count = (vf, n) =>
      vf.dev.machine.tracer.call("device", `${name}_sriov_set_msix_vec_count`, { msix_vec_count: n }, () => {
        const count = n === 0 ? vf.default_msix_count : n;
        const pool = vf.physfn?.vf_total_msix ?? MSIX_MAX_TABLE_SIZE;
        if (count > MSIX_MAX_TABLE_SIZE || count > pool) return -EINVAL;
        setTableSize(vf, count);
        return 0;
      });
    drv.sriov_get_vf_total_msix = (pf) => pf.vf_total_msix;
  }
  return drv;
}
