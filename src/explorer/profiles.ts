/**
 * The profiles the explorer runs: every combination of the dimensions the model exports.
 * Today the model has one dimension (the kernel); a QEMU version or a platform becomes one
 * more row in PROFILE_DIMENSIONS, read from the model's exports, and nothing else changes.
 */
import * as model from "msi-lifecycle";

/** One choice the model makes when a host is created: the option of createHost() and its values. */
export interface ProfileDimension {
  /** The createHost() option, e.g. "kernel". */
  option: string;
  /** Its values, in the model's order. */
  values: readonly string[];
}

/**
 * The dimensions, in the order a profile's name lists them. Each is read from the model's
 * public exports; add `{ option: "qemu", values: model.QEMU_VERSIONS }` when the model has it.
 */
export const PROFILE_DIMENSIONS: readonly ProfileDimension[] = [{ option: "kernel", values: model.KERNEL_PROFILES }];

/** One profile: a value per dimension, named by the values joined with "/" (e.g. "v6.5"). */
export interface Profile {
  name: string;
  /** The createHost() options of this profile. */
  options: Readonly<Record<string, string>>;
}

/** Every profile, in dimension order (the first dimension varies slowest). */
export function allProfiles(dims: readonly ProfileDimension[] = PROFILE_DIMENSIONS): Profile[] {
  let combos: Record<string, string>[] = [{}];
  for (const d of dims) combos = combos.flatMap((c) => d.values.map((v) => ({ ...c, [d.option]: v })));
  return combos.map((options) => ({ name: dims.map((d) => options[d.option]).join("/"), options }));
}

/** Thrown for a profile name the model does not know. */
export class UnknownProfileError extends Error {}

/** The profiles named in `names` (in the given order), or every profile when `names` is empty. */
export function selectProfiles(
  names: readonly string[],
  dims: readonly ProfileDimension[] = PROFILE_DIMENSIONS,
): Profile[] {
  const all = allProfiles(dims);
  if (names.length === 0) return all;
  return names.map((n) => {
    const p = all.find((x) => x.name === n);
    if (!p) {
      throw new UnknownProfileError(`unknown profile "${n}"; known profiles: ${all.map((x) => x.name).join(", ")}`);
    }
    return p;
  });
}

/** createHost() for a profile. The cast is the one place that knows options are per-dimension data. */
export function hostFor(profile: Profile): model.Host {
  return model.createHost(profile.options as unknown as Parameters<typeof model.createHost>[0]);
}
