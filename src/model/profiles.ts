/**
 * Kernel profiles: which behaviours differ between the kernels the site compares.
 *
 * A profile is a small feature table. Model functions read one flag where the real
 * kernels differ; no function is forked per version.
 */

/** The kernels the model can run. `v6.5+warn` is hypothetical (see its label). */
export type KernelProfile = "v6.1" | "v6.2" | "v6.5" | "v6.5+fix" | "v6.5+warn";

/** Every profile, oldest first. */
export const KERNEL_PROFILES: readonly KernelProfile[] = ["v6.1", "v6.2", "v6.5", "v6.5+fix", "v6.5+warn"] as const;

/**
 * The profile a run uses unless told otherwise: the kernel the bug was reported on. The model's
 * `KERNEL` starts as this, and a snippet's bare `// Output:` block runs under it.
 */
export const DEFAULT_PROFILE: KernelProfile = "v6.5";

/** The behaviour switches of a profile. */
export interface ProfileFeatures {
  /**
   * Per-device MSI domains below an MSI parent (x86 vector/IR parents).
   * v6.2-rc1 "PCI/MSI: Add support for per device MSI[X] domains"; source: irq/core pull for v6.2-rc1.
   */
  perDeviceDomains: boolean;
  /**
   * msi_insert_desc() rejects `index >= hwsize` with -ERANGE.
   * v6.2-rc1 "genirq/msi: Add range checking to msi_insert_desc()"; sources T1, I, K.
   */
  insertRangeCheck: boolean;
  /**
   * pci_msix_alloc_irq_at() / pci_msix_can_alloc_dyn() exist (post-enable MSI-X allocation).
   * v6.2-rc1 "PCI/MSI: Provide post-enable dynamic allocation interfaces for MSI-X"; source T3.
   */
  pciDynAlloc: boolean;
  /**
   * vfio-pci probes `has_dyn_msix` and clears NORESIZE for MSI-X.
   * v6.5-rc1 "vfio/pci: Support dynamic MSI-X"; source: VFIO pull for v6.5-rc1, G617, G71.
   */
  vfioDynMsix: boolean;
  /**
   * vfio_msi_disable() calls msi_remove_device_irq_domain() (the proposed patch, NAKed).
   * Message-ID 20230914191406.54656-1-shannon.nelson@amd.com.
   */
  removeDomainOnDisable: boolean;
  /**
   * HYPOTHETICAL: pci_setup_msix_device_domain() warns when the live Table Size differs
   * from the reused domain's hwsize, as tglx suggested (87led3xqye.ffs@tglx /
   * 874jjrxb43.ffs@tglx). Not upstream in any version read (GIRQ, K).
   */
  warnOnSizeChange: boolean;
}

/** A profile's label and features, as describeProfile() returns them. */
export interface ProfileDescription {
  profile: KernelProfile;
  label: string;
  hypothetical: boolean;
  features: ProfileFeatures;
}

const OFF: ProfileFeatures = {
  perDeviceDomains: false,
  insertRangeCheck: false,
  pciDynAlloc: false,
  vfioDynMsix: false,
  removeDomainOnDisable: false,
  warnOnSizeChange: false,
};
const V62: ProfileFeatures = { ...OFF, perDeviceDomains: true, insertRangeCheck: true, pciDynAlloc: true };
const V65: ProfileFeatures = { ...V62, vfioDynMsix: true };

const TABLE: Record<KernelProfile, Omit<ProfileDescription, "profile">> = {
  "v6.1": {
    label: "Linux v6.1: global PCI/MSI domain, no range check, no dynamic MSI-X",
    hypothetical: false,
    features: OFF,
  },
  "v6.2": {
    label: "Linux v6.2: per-device MSI domains with hwsize; VFIO without dynamic MSI-X (NORESIZE)",
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
};

/** True if `p` names a profile. */
export function isKernelProfile(p: unknown): p is KernelProfile {
  return typeof p === "string" && (KERNEL_PROFILES as readonly string[]).includes(p);
}

/**
 * Throws a TypeError naming the valid profiles unless `p` names one (misuse of the API, not a
 * kernel failure).
 */
export function assertKernelProfile(p: unknown): asserts p is KernelProfile {
  if (!isKernelProfile(p)) {
    throw new TypeError(`unknown kernel profile ${JSON.stringify(p)}; valid profiles: ${KERNEL_PROFILES.join(", ")}`);
  }
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
