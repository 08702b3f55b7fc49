/**
 * Binds the model to one profile for a snippet run: the snippet's
 * `import { KERNEL, QEMU, PLATFORM } from "msi-lifecycle"` reads the kernel, QEMU
 * version and platform the page or the test selected (a profile name such as
 * `v6.5/qemu-8.1`, parsed by the model's parseProfileName), and every host the
 * snippet creates is recorded so the run's traces can be drawn (timelines, state
 * views). Browser-safe.
 */
import type { TraceEntry } from "msi-lifecycle";
import { parseProfileName } from "../model/profile-name";

/**
 * A host of a run as the pictures draw it: its kernel profile and its trace entries. The one
 * declaration of this shape: the runner core records it here, the worker posts it as plain data
 * (RunResult in core.ts, WorkerMessage in protocol.ts), the build and the page draw it
 * (src/pictures). What arrives from the worker is untrusted until validateRunHosts()
 * (validate-run.ts) has checked it.
 */
export interface RunHost {
  kernel: string;
  /**
   * The host's kernel, QEMU version and platform, as the model's host reports it during a run
   * (the docs tests check it against the profile run); not posted by the worker.
   */
  profile?: { kernel: string; qemu: string; platform: string };
  trace: readonly TraceEntry[];
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
