/**
 * Binds the model to one profile for a snippet run: the snippet's
 * `import { KERNEL, QEMU, PLATFORM } from "msi-lifecycle"` reads the kernel, QEMU
 * version and platform the page or the test selected (a profile name such as
 * `v6.5/qemu-8.1`, parsed by the model's parseProfileName), and every host the
 * snippet creates is recorded so the run's traces can be drawn (timelines, state
 * views). The record reads each host's trace through the getter the host was
 * created with, so a snippet redefining `host.trace` changes what it sees, not
 * what the pictures are drawn from. Browser-safe.
 */
import type { TraceEntry } from "msi-lifecycle";
import { parseProfileName } from "../model/profile-name";
import { RUN_LIMITS } from "./validate-run";

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
   * (the docs tests check it against the profile run); posted by the Node runner's thread,
   * not by the page's worker.
   */
  profile?: { kernel: string; qemu: string; platform: string };
  trace: readonly TraceEntry[];
}

export interface BoundModel {
  model: Record<string, unknown>;
  /** Hosts created so far by the run, in creation order. */
  hosts: RunHost[];
}

/**
 * The hosts of a run as plain data, to post from the worker (or the Node runner's thread):
 * their kernels and traces (and, with `profile`, their full profiles, which the Node runner's
 * docs checks read), and no more than the page will draw (RUN_LIMITS, one over, so
 * the page's validator can say the run went past them) — a snippet that makes a million
 * trace entries costs the page no more than one that makes twenty thousand.
 */
export function plainHosts(hosts: readonly RunHost[], options: { profile?: boolean } = {}): RunHost[] {
  return hosts.slice(0, RUN_LIMITS.hosts + 1).map((h) => {
    const trace = h.trace.slice(0, RUN_LIMITS.entries + 1);
    return options.profile && h.profile
      ? { kernel: h.kernel, profile: { ...h.profile }, trace }
      : { kernel: h.kernel, trace };
  });
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
      const own = Object.getOwnPropertyDescriptor(host, "trace")?.get;
      const read = own ? (): RunHost["trace"] => own.call(host) : () => host.trace;
      const kernel = host.kernel;
      const hostProfile = host.profile ? { ...host.profile } : undefined;
      hosts.push({
        kernel,
        ...(hostProfile ? { profile: hostProfile } : {}),
        get trace() {
          return read();
        },
      });
      return host;
    };
  }
  return { model: bound, hosts };
}
