/**
 * Binds the model to one kernel profile for a snippet run: the snippet's
 * `import { KERNEL } from "msi-lifecycle"` reads the profile the page or the
 * test selected, and every host the snippet creates is recorded so the run's
 * traces can be drawn (timelines, state views). The record reads each host's
 * trace through the getter the host was created with, so a snippet redefining
 * `host.trace` changes what it sees, not what the pictures are drawn from.
 * Browser-safe.
 */

import type { TraceEntry } from "msi-lifecycle";
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
  trace: readonly TraceEntry[];
}

export interface BoundModel {
  model: Record<string, unknown>;
  /** Hosts created so far by the run, in creation order. */
  hosts: RunHost[];
}

/**
 * The hosts of a run as plain data, to post from the worker (or the Node runner's thread):
 * their kernels and traces, and no more than the page will draw (RUN_LIMITS, one over, so
 * the page's validator can say the run went past them) — a snippet that makes a million
 * trace entries costs the page no more than one that makes twenty thousand.
 */
export function plainHosts(hosts: readonly RunHost[]): RunHost[] {
  return hosts
    .slice(0, RUN_LIMITS.hosts + 1)
    .map((h) => ({ kernel: h.kernel, trace: h.trace.slice(0, RUN_LIMITS.entries + 1) }));
}

export function modelForProfile(model: object, profile: string): BoundModel {
  const hosts: RunHost[] = [];
  const base = model as Record<string, unknown> & { createHost?: (...args: unknown[]) => RunHost };
  const bound: Record<string, unknown> = { ...base, KERNEL: profile };
  if (typeof base.createHost === "function") {
    const createHost = base.createHost;
    bound.createHost = (...args: unknown[]) => {
      const host = createHost(...args);
      const own = Object.getOwnPropertyDescriptor(host, "trace")?.get;
      const read = own ? (): RunHost["trace"] => own.call(host) : () => host.trace;
      const kernel = host.kernel;
      hosts.push({
        kernel,
        get trace() {
          return read();
        },
      });
      return host;
    };
  }
  return { model: bound, hosts };
}
