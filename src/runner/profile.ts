/**
 * Binds the model to one profile for a snippet run: the snippet's
 * `import { KERNEL, QEMU, PLATFORM } from "msi-lifecycle"` reads the kernel, QEMU
 * version and platform the page or the test selected (a profile name such as
 * `v6.5/qemu-8.1`, parsed by the model's parseProfileName), and every host the
 * snippet creates is recorded so the run's traces can be drawn (timelines, state
 * views). Browser-safe.
 */
import { parseProfileName } from "../model/profile-name";

/** A host created during a run, as the pictures need it. */
export interface RunHost {
  kernel: string;
  /** The host's kernel, QEMU version and platform (absent on hosts of a stand-in model). */
  profile?: { kernel: string; qemu: string; platform: string };
  trace: unknown[];
}

export interface BoundModel {
  model: Record<string, unknown>;
  /** Hosts created so far by the run, in creation order. */
  hosts: RunHost[];
}

export function modelForProfile(model: object, profile: string): BoundModel {
  const hosts: RunHost[] = [];
  const base = model as Record<string, unknown> & { createHost?: (...args: unknown[]) => RunHost };
  // A name the model does not know still binds KERNEL to it, so the snippet's createHost() reports it.
  const parsed = parseProfileName(profile);
  const bound: Record<string, unknown> = parsed
    ? { ...base, KERNEL: parsed.kernel, QEMU: parsed.qemu, PLATFORM: parsed.platform }
    : { ...base, KERNEL: profile };
  if (typeof base.createHost === "function") {
    const createHost = base.createHost;
    bound.createHost = (...args: unknown[]) => {
      const host = createHost(...args);
      hosts.push(host);
      return host;
    };
  }
  return { model: bound, hosts };
}
