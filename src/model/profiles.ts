/**
 * Profiles: which behaviours differ between the kernels, the QEMU versions and the platforms the
 * site compares. A host runs one kernel × QEMU × platform profile.
 *
 * This file is the one feature table: model functions read one flag where the real systems
 * differ; no function is forked per version. The profile's name (`v6.5`, `v6.5/qemu-8.1`,
 * `v6.18/arm64`) is what snippet outputs, pictures and the page tables are labelled with.
 */

/** The kernels the model can run, oldest first. `v6.5+warn` is hypothetical (see its label). */
export const KERNEL_PROFILES = ["v6.1", "v6.2", "v6.5", "v6.5+fix", "v6.5+warn", "v6.18", "v6.18+fix"] as const;
export type KernelProfile = (typeof KERNEL_PROFILES)[number];

/** The QEMU versions the model's user can behave as, oldest first. */
export const QEMU_VERSIONS = ["8.1", "8.2", "10.1"] as const;
export type QemuVersion = (typeof QEMU_VERSIONS)[number];

/** The interrupt controllers below the device's MSI domain: x86 (vector domain) or arm64 (GICv3 ITS). */
export const PLATFORMS = ["x86", "arm64"] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * The kernel a run uses unless told otherwise: the one the bug was reported on. The model's
 * `KERNEL` starts as this, and a snippet's bare `// Output:` block runs under it.
 */
export const DEFAULT_PROFILE: KernelProfile = "v6.5";
/** The QEMU a host runs unless told otherwise: a bare kernel profile means QEMU 10.1... */
export const DEFAULT_QEMU: QemuVersion = "10.1";
/** ...on x86. */
export const DEFAULT_PLATFORM: Platform = "x86";

/** One host's profile, as `host.profile` returns it. */
export interface HostProfile {
  kernel: KernelProfile;
  qemu: QemuVersion;
  platform: Platform;
}

/** The behaviour switches of a kernel. */
export interface ProfileFeatures {
  /**
   * The MSI core and PCI/MSI create per-device MSI domains below an MSI parent, and x86's
   * vector and interrupt-remapping domains are MSI parents. v6.2-rc1 "PCI/MSI: Add support for
   * per device MSI[X] domains", "x86/apic/vector: Provide MSI parent domain" (irq/core pull for
   * v6.2-rc1, Message-ID 167083908037.564878.14292182209678650008.tglx@xen13.tec.linutronix.de).
   */
  perDeviceDomains: boolean;
  /**
   * The GICv3 ITS is an MSI parent too, so arm64 PCI devices get per-device domains.
   * v6.11-rc1 "irqchip/gic-v3-its: Provide MSI parent for PCI/MSI[-X]", which adds
   * drivers/irqchip/irq-gic-v3-its-msi-parent.c (irq/msi pull for v6.11-rc1, Message-ID
   * 172167641899.62829.14888511482116338560.tglx@xen13). Its supported flags lack
   * MSI_FLAG_PCI_MSIX_ALLOC_DYN, in v6.11 and still in v6.18.
   */
  itsMsiParent: boolean;
  /**
   * msi_insert_desc() rejects `index >= hwsize` with -ERANGE.
   * v6.2-rc1 "genirq/msi: Add range checking to msi_insert_desc()"; sources T1, I, K.
   */
  insertRangeCheck: boolean;
  /**
   * pci_msix_alloc_irq_at() / pci_msix_can_alloc_dyn() exist, and x86's MSI parent supports
   * MSI_FLAG_PCI_MSIX_ALLOC_DYN. v6.2-rc1 "PCI/MSI: Provide post-enable dynamic allocation
   * interfaces for MSI-X", "x86/apic/msi: Enable MSI_FLAG_PCI_MSIX_ALLOC_DYN"; source T3.
   */
  pciDynAlloc: boolean;
  /**
   * vfio-pci's v6.5 interrupt code: contexts in an xarray, `has_dyn_msix`, NORESIZE cleared for
   * MSI-X, vfio_msi_alloc_irq(). Before it, vfio-pci bounds every request by `num_ctx` (-EINVAL)
   * and allocates nothing after enable. v6.5-rc1 "vfio/pci: Support dynamic MSI-X" (VFIO pull for
   * v6.5-rc1, Message-ID 20230629144949.07e6cd78.alex.williamson@redhat.com); G617, G71.
   */
  vfioDynMsix: boolean;
  /**
   * msi_domain_alloc_irq_at() takes the descriptor lock and calls __msi_domain_alloc_irq_at().
   * v6.9-rc1: 3095cc0d5b2c "genirq/msi: Split msi_domain_alloc_irq_at()" (irq/msi pull for
   * v6.9-rc1, Message-ID 171011361412.2468526.4705040722498114628.tglx@xen13). Before it the
   * body, msi_insert_desc() included, was msi_domain_alloc_irq_at() itself.
   */
  splitAllocIrqAt: boolean;
  /**
   * The parent's msi_prepare runs once, when a per-device domain is created, and msi_teardown
   * when it is removed. Before v6.16 every allocation called msi_prepare and there was no
   * teardown. v6.16-rc1: 1396e89e09f0 "genirq/msi: Move prepare() call to per-device
   * allocation", "genirq/msi: Engage the .msi_teardown() callback on domain removal" (irq/msi
   * pull for v6.16-rc1, Message-ID 174820637979.238682.4349646136552270664.tglx@xen13).
   */
  prepareAtDomainCreation: boolean;
  /**
   * vfio_msi_disable() calls msi_remove_device_irq_domain() (the proposed patch, NAKed).
   * Message-ID 20230914191406.54656-1-shannon.nelson@amd.com. As posted it would not even link
   * with CONFIG_VFIO_PCI_CORE=m: kernel/irq/msi.c does not export msi_remove_device_irq_domain()
   * (v6.5, v6.18.2). The model runs it as if vfio-pci-core were built in.
   */
  removeDomainOnDisable: boolean;
  /**
   * HYPOTHETICAL: pci_setup_msix_device_domain() warns when the live Table Size differs
   * from the reused domain's hwsize, as tglx suggested (87led3xqye.ffs@tglx /
   * 874jjrxb43.ffs@tglx). Not upstream in any version read (GIRQ, K).
   */
  warnOnSizeChange: boolean;
}

/** The behaviour switches of a QEMU version (hw/vfio/pci.c). */
export interface QemuFeatures {
  /**
   * Reads VFIO_IRQ_INFO_NORESIZE at realize; enables MSI-X with no vector (fd -1) and, when
   * NORESIZE is clear, adds vectors one at a time. QEMU 8.2: 45d85f622811 "vfio/pci: detect the
   * support of dynamic MSI-X allocation", d9e6710d7d59 "vfio/pci: enable vector on dynamic MSI-X
   * allocation", 5ebffa4e87e7 "vfio/pci: use an invalid fd to enable MSI-X", eaadba6f9b14 (vfio
   * pull of 9 Oct 2023, Message-ID 20231009064900.1465361-1-clg@redhat.com). Before it, a new
   * highest vector always disables MSI-X and re-enables nr + 1 vectors.
   */
  noresizeHandling: boolean;
  /**
   * vfio_msix_disable() clears the MSI-X index even with no vector in use; before, it called
   * vfio_disable_irqindex() only `if (vdev->nr_vectors)`. d2b668fca565 "vfio/pci: Clear MSI-X IRQ
   * index always" (fixes 5ebffa4e87e7; vfio pull of 29 Jan 2024, Message-ID
   * 20240129084150.134050-3-clg@redhat.com: QEMU 9.0, and 8.2.2 as b79a2ef0d4). The model's 8.2 is 8.2.0.
   */
  alwaysClearMsix: boolean;
  /**
   * Errors are printed with strerror(-ret) of a -errno return, not "%d" of the raw ioctl
   * return (-1). "vfio: consistently handle return value for helpers" (vfio pull of 9 May 2025,
   * Message-ID 20250509131317.164235-20-clg@redhat.com): QEMU 10.1.
   */
  strerrorMessages: boolean;
  /**
   * vfio_disable_irqindex() and vfio_set_irq_signaling() are called vfio_device_irq_disable() and
   * vfio_device_irq_set_signaling(). "vfio: Rename VFIODevice related services" (for 10.1,
   * Message-ID 20250326075122.1299361-37-clg@redhat.com).
   */
  deviceIrqNames: boolean;
}

/** A kernel profile's label and features, as describeProfile() returns them. */
export interface ProfileDescription {
  profile: KernelProfile;
  label: string;
  hypothetical: boolean;
  features: ProfileFeatures;
}

const OFF: ProfileFeatures = {
  perDeviceDomains: false,
  itsMsiParent: false,
  insertRangeCheck: false,
  pciDynAlloc: false,
  vfioDynMsix: false,
  splitAllocIrqAt: false,
  prepareAtDomainCreation: false,
  removeDomainOnDisable: false,
  warnOnSizeChange: false,
};
const V62: ProfileFeatures = { ...OFF, perDeviceDomains: true, insertRangeCheck: true, pciDynAlloc: true };
const V65: ProfileFeatures = { ...V62, vfioDynMsix: true };
const V618: ProfileFeatures = { ...V65, itsMsiParent: true, splitAllocIrqAt: true, prepareAtDomainCreation: true };

const TABLE: Record<KernelProfile, Omit<ProfileDescription, "profile">> = {
  "v6.1": {
    label: "Linux v6.1: global PCI/MSI domain, no range check, no dynamic MSI-X",
    hypothetical: false,
    features: OFF,
  },
  "v6.2": {
    label: "Linux v6.2: per-device MSI domains with hwsize (x86); vfio-pci still bounded by num_ctx (NORESIZE)",
    hypothetical: false,
    features: V62,
  },
  "v6.5": {
    label: "Linux v6.5: VFIO dynamic MSI-X; the per-device domain outlives MSI-X disable (the bug)",
    hypothetical: false,
    features: V65,
  },
  "v6.5+fix": {
    label: 'Linux v6.5 + "vfio/pci: remove msi domain on msi disable" (proposed, NAKed)',
    hypothetical: false,
    features: { ...V65, removeDomainOnDisable: true },
  },
  "v6.5+warn": {
    label: "HYPOTHETICAL: v6.5 + a WARN when the Table Size no longer matches hwsize (not upstream)",
    hypothetical: true,
    features: { ...V65, warnOnSizeChange: true },
  },
  "v6.18": {
    label: "Linux v6.18: ITS as MSI parent (v6.11), split alloc_irq_at (v6.9), prepare/teardown per domain (v6.16)",
    hypothetical: false,
    features: V618,
  },
  "v6.18+fix": {
    label: 'Linux v6.18 + "vfio/pci: remove msi domain on msi disable" (as posted for v6.5)',
    hypothetical: false,
    features: { ...V618, removeDomainOnDisable: true },
  },
};

const QEMU_TABLE: Record<QemuVersion, { label: string; features: QemuFeatures }> = {
  "8.1": {
    label: "QEMU 8.1: every new highest vector disables MSI-X and re-enables nr + 1; errors printed as %d (-1)",
    features: { noresizeHandling: false, alwaysClearMsix: false, strerrorMessages: false, deviceIrqNames: false },
  },
  "8.2": {
    label: "QEMU 8.2: MSI-X enabled with no vector, vectors added one at a time unless NORESIZE; errors as %d (-1)",
    features: { noresizeHandling: true, alwaysClearMsix: false, strerrorMessages: false, deviceIrqNames: false },
  },
  "10.1": {
    label: "QEMU 10.1: the 8.2 paths; errors printed with strerror()",
    features: { noresizeHandling: true, alwaysClearMsix: true, strerrorMessages: true, deviceIrqNames: true },
  },
};

const PLATFORM_LABEL: Record<Platform, string> = {
  x86: "x86: the vector domain (and interrupt remapping) is an MSI parent from v6.2, with dynamic MSI-X",
  arm64: "arm64 (GICv3 ITS): an MSI parent from v6.11, without MSI_FLAG_PCI_MSIX_ALLOC_DYN",
};

/** True if `p` names a kernel profile. */
export function isKernelProfile(p: unknown): p is KernelProfile {
  return typeof p === "string" && (KERNEL_PROFILES as readonly string[]).includes(p);
}

function assertOneOf<T extends string>(what: string, value: unknown, valid: readonly T[]): asserts value is T {
  if (typeof value !== "string" || !(valid as readonly string[]).includes(value)) {
    throw new TypeError(`unknown ${what} ${JSON.stringify(value)}; valid: ${valid.join(", ")}`);
  }
}

/**
 * Throws a TypeError naming the valid profiles unless `p` names one (misuse of the API, not a
 * kernel failure).
 */
export function assertKernelProfile(p: unknown): asserts p is KernelProfile {
  assertOneOf("kernel profile", p, KERNEL_PROFILES);
}

/**
 * The full profile of createHost()'s options: `kernel` is required, `qemu` defaults to 10.1 and
 * `platform` to x86. @throws TypeError naming the valid values for an unknown one
 */
export function resolveProfile(opts: { kernel: unknown; qemu?: unknown; platform?: unknown }): HostProfile {
  const kernel = opts?.kernel;
  const qemu = opts?.qemu ?? DEFAULT_QEMU;
  const platform = opts?.platform ?? DEFAULT_PLATFORM;
  assertKernelProfile(kernel);
  assertOneOf("QEMU version", qemu, QEMU_VERSIONS);
  assertOneOf("platform", platform, PLATFORMS);
  return { kernel, qemu, platform };
}

/**
 * describeProfile - the label and the feature table of a kernel profile.
 * @throws TypeError for an unknown profile name
 */
export function describeProfile(p: KernelProfile): ProfileDescription {
  assertKernelProfile(p);
  const d = TABLE[p];
  return { profile: p, label: d.label, hypothetical: d.hypothetical, features: { ...d.features } };
}

/** The label and the features of a QEMU version. @throws TypeError for an unknown version */
export function describeQemu(q: QemuVersion): { qemu: QemuVersion; label: string; features: QemuFeatures } {
  assertOneOf("QEMU version", q, QEMU_VERSIONS);
  return { qemu: q, label: QEMU_TABLE[q].label, features: { ...QEMU_TABLE[q].features } };
}

/** The label of a platform. @throws TypeError for an unknown platform */
export function describePlatform(p: Platform): { platform: Platform; label: string } {
  assertOneOf("platform", p, PLATFORMS);
  return { platform: p, label: PLATFORM_LABEL[p] };
}

/** Everything a host switches on: its kernel's and its QEMU's features, and what the platform makes of them. */
export interface HostFeatures extends ProfileFeatures {
  qemu: QemuFeatures;
  platform: Platform;
  /** The device's MSI domain is an MSI parent, so PCI/MSI creates a per-device domain below it. */
  msiParent: boolean;
  /** That parent (or the global domain) supports MSI_FLAG_PCI_MSIX_ALLOC_DYN: x86 from v6.2, never the ITS. */
  parentAllocDyn: boolean;
}

/** hostFeatures - the features of a whole profile, read from the tables above. */
export function hostFeatures(p: HostProfile): HostFeatures {
  const k = describeProfile(p.kernel).features;
  const msiParent = p.platform === "x86" ? k.perDeviceDomains : k.perDeviceDomains && k.itsMsiParent;
  const parentAllocDyn = p.platform === "x86" && k.pciDynAlloc;
  return { ...k, qemu: describeQemu(p.qemu).features, platform: p.platform, msiParent, parentAllocDyn };
}
