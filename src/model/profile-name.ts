/**
 * Profile names: how snippets, pictures and tables spell a kernel × QEMU × platform profile.
 * The kernel comes first, then `/qemu-<version>` unless QEMU 10.1, then `/arm64` unless x86, so
 * `v6.5` still means what it always meant and `v6.5/qemu-8.1`, `v6.18/arm64` name the others.
 */
import {
  DEFAULT_PLATFORM,
  DEFAULT_QEMU,
  type HostProfile,
  isKernelProfile,
  KERNEL_PROFILES,
  PLATFORMS,
  type Platform,
  QEMU_VERSIONS,
  type QemuVersion,
} from "./profiles";

/**
 * profileName - the name snippets, pictures and tables use for a profile: the kernel, then
 * `/qemu-<version>` unless QEMU 10.1, then `/arm64` unless x86. So `v6.5` still means what it
 * always meant (QEMU 10.1 on x86), and `v6.5/qemu-8.1`, `v6.18/arm64` name the others.
 */
export function profileName(p: HostProfile): string {
  let name: string = p.kernel;
  if (p.qemu !== DEFAULT_QEMU) name += `/qemu-${p.qemu}`;
  if (p.platform !== DEFAULT_PLATFORM) name += `/${p.platform}`;
  return name;
}

/**
 * parseProfileName - the profile a name stands for, or null. Accepts the canonical
 * `v6.5/qemu-8.1/arm64` and the spoken `v6.5, qemu 8.1, arm64` (any order after the kernel);
 * each part at most once.
 */
export function parseProfileName(text: string): HostProfile | null {
  const tokens = String(text)
    .trim()
    .split(/[\s,/]+/)
    .filter(Boolean);
  const kernel = tokens.shift();
  if (!isKernelProfile(kernel)) return null;
  let qemu: QemuVersion | undefined;
  let platform: Platform | undefined;
  while (tokens.length > 0) {
    const t = tokens.shift()!;
    const version = t === "qemu" ? tokens.shift() : /^qemu-(.+)$/.exec(t)?.[1];
    if (version !== undefined || t === "qemu") {
      if (qemu || !(QEMU_VERSIONS as readonly string[]).includes(version ?? "")) return null;
      qemu = version as QemuVersion;
    } else if ((PLATFORMS as readonly string[]).includes(t) && !platform) {
      platform = t as Platform;
    } else {
      return null;
    }
  }
  return { kernel, qemu: qemu ?? DEFAULT_QEMU, platform: platform ?? DEFAULT_PLATFORM };
}

/** Every profile name, kernel by kernel: the matrix the overview page tabulates. */
export function allProfileNames(): string[] {
  return KERNEL_PROFILES.flatMap((kernel) =>
    PLATFORMS.flatMap((platform) => QEMU_VERSIONS.map((qemu) => profileName({ kernel, qemu, platform }))),
  );
}
