// Shows: KERNEL is the profile of the current run; the same file prints a different line per kernel
import { createHost, describeProfile, KERNEL } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL });
console.log(`running on ${host.kernel}`);
console.log(describeProfile(KERNEL).label);

// Output (v6.1):
// running on v6.1
// Linux v6.1: global PCI/MSI domain, no range check, no dynamic MSI-X

// Output (v6.5):
// running on v6.5
// Linux v6.5: VFIO dynamic MSI-X; the per-device domain outlives MSI-X disable (the bug)

// Output (v6.5+warn):
// running on v6.5+warn
// HYPOTHETICAL: v6.5 + a WARN when the Table Size no longer matches hwsize (not upstream)
