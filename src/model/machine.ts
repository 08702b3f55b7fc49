/**
 * The model's "hardware + kernel instance": one per host. Holds the profile, the trace,
 * the counters that stand in for the kernel's allocators, and the device list.
 * Nothing here is global, so two hosts in one process never share state.
 */

import type { pci_driver } from "./include/device";
import type { file } from "./include/fs";
import {
  type irq_domain,
  MSI_FLAG_FREE_MSI_DESCS,
  MSI_FLAG_PCI_MSIX,
  MSI_FLAG_PCI_MSIX_ALLOC_DYN,
  MSI_XA_DOMAIN_SIZE,
} from "./include/msi";
import type { pci_dev } from "./include/pci";
import type { vfio_device } from "./include/vfio";
import { type HostFeatures, type HostProfile, hostFeatures } from "./profiles";
import { Tracer } from "./trace";

/** First Linux interrupt number handed out (looks like a real x86 virq). */
export const FIRST_VIRQ = 40;
/** First file descriptor number handed out (device fds and eventfds share the table). */
export const FIRST_FD = 10;

/** One simulated machine. */
export interface Machine {
  profile: HostProfile;
  features: HostFeatures;
  tracer: Tracer;
  nextVirq: number;
  nextFd: number;
  /** The user process's fd table: eventfds and VFIO device fds. */
  files: Map<number, file>;
  devices: Map<string, pci_dev>;
  /** Registered drivers by name: the directories under /sys/bus/pci/drivers/. */
  drivers: Map<string, pci_driver>;
  /**
   * The devices registered with the VFIO core, which VFIO_GROUP_GET_DEVICE_FD looks up by name
   * (the kernel keeps one list per VFIO group; the model has no IOMMU groups, so one list).
   */
  vfio_device_list: vfio_device[];
  /**
   * The device's MSI domain: an MSI parent (x86 from v6.2, the GICv3 ITS from v6.11) or a global
   * PCI/MSI domain (x86 on v6.1, arm64 before v6.11).
   */
  msi_domain: irq_domain;
}

/**
 * The MSI domain a PCI device gets on this platform (dev->msi.domain): the x86 vector domain or
 * the ITS as MSI parent, with the flags their msi_parent_ops support, else a global domain.
 * @kernel arch/x86/include/asm/msi.h (X86_VECTOR_MSI_FLAGS_SUPPORTED), drivers/irqchip/
 * irq-gic-v3-its-msi-parent.c (ITS_MSI_FLAGS_SUPPORTED, v6.11+), irq-gic-v3-its-pci-msi.c (before)
 */
function platformMsiDomain(f: HostFeatures): irq_domain {
  const name = f.platform === "x86" ? "VECTOR" : "ITS";
  const dyn = f.parentAllocDyn ? MSI_FLAG_PCI_MSIX_ALLOC_DYN : 0;
  if (f.msiParent) {
    return {
      name,
      bus_token: "DOMAIN_BUS_NEXUS",
      host_data: null,
      is_msi_parent: true,
      is_msi_device: false,
      parent_supported_flags: MSI_FLAG_FREE_MSI_DESCS | MSI_FLAG_PCI_MSIX | dyn,
    };
  }
  return {
    name: f.platform === "x86" ? "PCI-MSI" : "ITS-PCI-MSI",
    bus_token: "DOMAIN_BUS_PCI_MSI",
    // A global domain: hwsize 0 is turned into MSI_XA_DOMAIN_SIZE at creation (source T1).
    host_data: {
      flags: MSI_FLAG_FREE_MSI_DESCS | MSI_FLAG_PCI_MSIX,
      hwsize: MSI_XA_DOMAIN_SIZE,
      bus_token: "DOMAIN_BUS_PCI_MSI",
    },
    is_msi_parent: false,
    is_msi_device: false,
    parent_supported_flags: 0,
  };
}

/** Creates the machine of one host. */
export function createMachine(profile: HostProfile): Machine {
  // Fixed for the host's life: frozen, so host.fork() shares them (fork.ts) instead of copying.
  const features = hostFeatures(profile);
  Object.freeze(features.qemu);
  return {
    profile: Object.freeze({ ...profile }),
    features: Object.freeze(features),
    tracer: new Tracer(),
    nextVirq: FIRST_VIRQ,
    nextFd: FIRST_FD,
    files: new Map(),
    devices: new Map(),
    drivers: new Map(),
    vfio_device_list: [],
    msi_domain: platformMsiDomain(features),
  };
}

/** Hands out the next Linux interrupt number (irq_domain_alloc_descs stand-in). */
export function allocVirq(m: Machine): number {
  return m.nextVirq++;
}

/** Hands out the next file descriptor number. */
export function allocFd(m: Machine): number {
  return m.nextFd++;
}
