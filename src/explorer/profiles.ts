/**
 * The profiles the explorer runs: every combination of the dimensions the model exports
 * (kernel × QEMU × platform), named the way the model names them (profileName(): `v6.5`,
 * `v6.5/qemu-8.1`, `v6.18/arm64`), so a name the explorer prints is one a snippet's
 * `// Output (<profile>):` block, a picture or the lab accepts, and the other way round.
 */
import * as model from "msi-lifecycle";

/** One choice the model makes when a host is created: the option of createHost() and its values. */
export interface ProfileDimension {
  /** The createHost() option, e.g. "kernel". */
  option: string;
  /** What a reader calls it ("Kernel", "QEMU", "Platform"). */
  label: string;
  /** Its values, in the model's order. */
  values: readonly string[];
  /** The value createHost() takes when the option is left out; none for a required option. */
  default?: string;
}

/** What createHost() makes of the option left out (read from a real host, not restated here). */
const chosen = model.createHost({ kernel: model.KERNEL_PROFILES[0] }).profile;

/**
 * The dimensions, each read from the model's public exports, in the order a profile's name lists
 * them (kernel, then QEMU, then platform). Profiles are enumerated in this order too: the first
 * varies slowest.
 */
export const PROFILE_DIMENSIONS: readonly ProfileDimension[] = [
  { option: "kernel", label: "Kernel", values: model.KERNEL_PROFILES },
  { option: "qemu", label: "QEMU", values: model.QEMU_VERSIONS, default: chosen.qemu },
  { option: "platform", label: "Platform", values: model.PLATFORMS, default: chosen.platform },
];

/** One profile: a value per dimension, named by the model's profileName() (e.g. "v6.5/qemu-8.1"). */
export interface Profile {
  name: string;
  /** The createHost() options of this profile, every dimension present. */
  options: Readonly<Record<string, string>>;
  /**
   * The options a createHost() call needs to write for it: the kernel, and the others only
   * where they differ from what createHost() takes by default (as the profile's name does).
   */
  code: Readonly<Record<string, string>>;
}

/** The model's name for a full set of options (the three of createHost(), all present). */
function nameOf(options: Readonly<Record<string, string>>): string {
  return model.profileName(options as unknown as model.HostProfile);
}

/** Every profile, in dimension order (the first dimension varies slowest). */
export function allProfiles(dims: readonly ProfileDimension[] = PROFILE_DIMENSIONS): Profile[] {
  let combos: Record<string, string>[] = [{}];
  for (const d of dims) combos = combos.flatMap((c) => d.values.map((v) => ({ ...c, [d.option]: v })));
  const full = dims === PROFILE_DIMENSIONS;
  // Dimensions other than the model's (tests build their own) are named by their values joined with "/".
  return combos.map((options) => ({
    name: full ? nameOf(options) : dims.map((d) => options[d.option]).join("/"),
    options,
    code: Object.fromEntries(
      dims.filter((d) => d.default !== options[d.option]).map((d) => [d.option, options[d.option]!]),
    ),
  }));
}

/**
 * The profiles `npm test` explores exhaustively: every kernel on the default QEMU and platform,
 * plus the seed as reported (v6.5 with QEMU 8.1), QEMU 8.2 on v6.5 and arm64 on v6.18 (the
 * first kernel where the ITS is an MSI parent). Together they take every value of every
 * dimension (a test checks it); `npm run explore` runs all of them.
 */
export const TESTED_PROFILES: readonly string[] = [
  ...model.KERNEL_PROFILES,
  "v6.5/qemu-8.1",
  "v6.5/qemu-8.2",
  "v6.18/arm64",
];

/** Thrown for a profile name the model does not know. */
export class UnknownProfileError extends Error {}

/** What a profile name is made of, for the message that refuses an unknown one. */
function namingHelp(): string {
  const [kernel, qemu, platform] = PROFILE_DIMENSIONS as [ProfileDimension, ProfileDimension, ProfileDimension];
  return `a profile is a kernel (${kernel.values.join(", ")}), then /qemu-<version> unless QEMU ${qemu.default} (${qemu.values.join(", ")}), then /<platform> unless ${platform.default} (${platform.values.join(", ")}), e.g. v6.5/qemu-8.1 or v6.18/arm64`;
}

/** The profiles named in `names` (in the given order), or every profile when `names` is empty. */
export function selectProfiles(
  names: readonly string[],
  dims: readonly ProfileDimension[] = PROFILE_DIMENSIONS,
): Profile[] {
  const all = allProfiles(dims);
  if (names.length === 0) return all;
  return names.map((n) => {
    const p = all.find((x) => x.name === n);
    if (p) return p;
    if (dims === PROFILE_DIMENSIONS) {
      // The model's parser also reads the spoken form ("v6.5, qemu 8.1"): say the canonical name.
      const parsed = model.parseProfileName(n);
      if (parsed) {
        throw new UnknownProfileError(`profile "${n}" is spelled "${model.profileName(parsed)}" (the model's name)`);
      }
      throw new UnknownProfileError(`unknown profile "${n}"; ${namingHelp()}`);
    }
    throw new UnknownProfileError(`unknown profile "${n}"; known profiles: ${all.map((x) => x.name).join(", ")}`);
  });
}

/** createHost() for a profile. The cast is the one place that knows options are per-dimension data. */
export function hostFor(profile: Profile): model.Host {
  return model.createHost(profile.options as unknown as Parameters<typeof model.createHost>[0]);
}
