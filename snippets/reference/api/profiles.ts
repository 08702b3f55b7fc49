// Shows: a host runs one kernel × QEMU × platform profile; unknown values are API misuse and throw
import { createHost, describeQemu, KERNEL, PLATFORM, PLATFORMS, profileName, QEMU, QEMU_VERSIONS } from "msi-lifecycle";

const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
console.log(host.profile, "is called", profileName(host.profile));
console.log("QEMU versions:", QEMU_VERSIONS.join(", "), " platforms:", PLATFORMS.join(", "));
console.log(describeQemu(host.profile.qemu).label);

try {
  createHost({ kernel: KERNEL, qemu: "9.0" as typeof QEMU });
} catch (e) {
  console.log("thrown:", (e as Error).message);
}

// Output (v6.5):
// { kernel: 'v6.5', qemu: '10.1', platform: 'x86' } is called v6.5
// QEMU versions: 8.1, 8.2, 10.1  platforms: x86, arm64
// QEMU 10.1: the 8.2 paths; errors printed with strerror()
// thrown: unknown QEMU version "9.0"; valid: 8.1, 8.2, 10.1

// Output (v6.5/qemu-8.1/arm64):
// { kernel: 'v6.5', qemu: '8.1', platform: 'arm64' } is called v6.5/qemu-8.1/arm64
// QEMU versions: 8.1, 8.2, 10.1  platforms: x86, arm64
// QEMU 8.1: every new highest vector disables MSI-X and re-enables nr + 1; errors printed as %d (-1)
// thrown: unknown QEMU version "9.0"; valid: 8.1, 8.2, 10.1
