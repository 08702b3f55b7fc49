/**
 * The page's side of the snippet workers (src/runner/worker.ts): runs one
 * snippet at a time, enforces the time budgets, and decides which worker runs
 * what. A worker that never ran edited code is kept warm for the published
 * snippets; a run of the reader's edit takes that worker and it is terminated
 * right after, so what edited code did to its worker (a new `onmessage`, a
 * patched prototype) dies with it. Each run carries an unguessable token
 * (crypto.getRandomValues); the page takes an answer only with that token.
 *
 * A worker that goes away (the snippet called `self.close()`, the worker
 * crashed) is noticed at once: each worker holds a Web Lock the page names in
 * its first message (`hello`) while it lives, and the page waits for that lock
 * (`watch`); `error` and
 * `messageerror` events count as failures too. The run then ends saying what
 * happened, and the next run gets a fresh worker. Knows nothing of the DOM
 * beyond the Worker interface, so the tests drive it with fake workers.
 */

import { OUTPUT_LIMITS } from "../output";
import {
  type Hello,
  RUN_BUDGET_MS,
  RUN_GRACE_MS,
  type RunInput,
  type RunOutcome,
  type WorkerMessage,
} from "../protocol";
import type { SnippetError } from "../snippet-error";

export type { RunInput };

/** The part of a Web Worker the client uses. */
export type WorkerLike = Pick<Worker, "postMessage" | "terminate" | "onmessage" | "onerror" | "onmessageerror">;

/** How long a fresh worker may take to load the model (and sucrase) before we give up, in ms. */
export const LOAD_BUDGET_MS = 20_000;

export interface WorkerClientOptions {
  /** Starts a new worker named `name` (the real one, or a fake in the tests). */
  spawn: (name: string) => WorkerLike;
  /** Resolves when the worker named `name`, which said it is alive, has gone. Default: Web Locks. */
  watch?: (name: string) => Promise<unknown> | undefined;
  /** An unguessable token. Default: 128 bits from crypto.getRandomValues(). */
  token?: () => string;
  loadBudgetMs?: number;
  runBudgetMs?: number;
  graceMs?: number;
}

/** 128 random bits as hex. */
export function randomToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Waits for the Web Lock the worker holds while it lives; undefined where the page has no Web Locks. */
function lockWatch(name: string): Promise<unknown> | undefined {
  return globalThis.navigator?.locks?.request(name, () => undefined);
}

/** One worker, by the name of the lock it holds while it lives. */
interface Slot {
  worker: WorkerLike;
  name: string;
  /** It said it is alive: it loaded. */
  alive: boolean;
  retired: boolean;
}

interface CurrentRun {
  token: string;
  slot: Slot;
  edited: boolean;
  finish: (outcome: RunOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
  /** The lines the run printed so far: its output if the worker must be terminated. */
  lines: string[];
}

/** The messages for the ways a run can end without the worker's answer. */
export const STOPPED = {
  timeout: (s: number) =>
    `Stopped: the snippet ran longer than ${s} s, so its worker was terminated. The next Run starts a fresh one.`,
  gone: "Stopped: the snippet's worker went away during the run (the snippet closed it, or it crashed). The next Run starts a fresh one.",
  unreadable: "Stopped: the worker's answer could not be read (messageerror). The next Run starts a fresh one.",
  load: "Error: the runner did not start in time",
  failed: (why: string) => `Error: the runner could not start (${why || "worker failed to load"})`,
};

export class WorkerClient {
  /** A worker that never ran edited code, ready for the next run. */
  private idle?: Slot;
  private queue: Promise<unknown> = Promise.resolve();
  private current?: CurrentRun;
  private readonly budget: { load: number; run: number; grace: number };
  private readonly token: () => string;

  constructor(private readonly options: WorkerClientOptions) {
    this.budget = {
      load: options.loadBudgetMs ?? LOAD_BUDGET_MS,
      run: options.runBudgetMs ?? RUN_BUDGET_MS,
      grace: options.graceMs ?? RUN_GRACE_MS,
    };
    this.token = options.token ?? randomToken;
  }

  /** Starts a worker (and so the model's download) ahead of the next run. */
  warm(): void {
    this.idle ??= this.spawn();
  }

  /** Queues a run; resolves with its outcome, never rejects for a fault in the snippet or the worker. */
  run(input: RunInput): Promise<RunOutcome> {
    const next = this.queue.then(() => this.runNow(input));
    this.queue = next.catch(() => {});
    return next;
  }

  private spawn(): Slot {
    const name = `msi-snippet-${this.token()}`;
    const worker = this.options.spawn(name);
    const slot: Slot = { worker, name, alive: false, retired: false };
    // The lock goes by message, so that whatever names the worker, the page watches the lock it holds.
    worker.postMessage({ type: "hello", lock: name } satisfies Hello);
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(slot, e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.lost(slot, { kind: "runtime", message: STOPPED.failed(e.message) });
    };
    worker.onmessageerror = () => this.lost(slot, { kind: "crash", message: STOPPED.unreadable });
    return slot;
  }

  private runNow(input: RunInput): Promise<RunOutcome> {
    const slot = this.idle ?? this.spawn();
    this.idle = undefined;
    const token = this.token();
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(() => this.lost(slot, { kind: "runtime", message: STOPPED.load }), this.budget.load);
      this.current = { token, slot, edited: "code" in input, finish: resolve, timer, lines: [] };
      slot.worker.postMessage({ type: "run", token, budgetMs: this.budget.run, ...input });
    });
  }

  private receive(slot: Slot, message: WorkerMessage) {
    if (message?.type === "alive") {
      if (slot.alive) return;
      slot.alive = true;
      (this.options.watch ?? lockWatch)(slot.name)?.then(
        () => this.lost(slot, { kind: "crash", message: STOPPED.gone }),
        () => {},
      );
      return;
    }
    const current = this.current;
    if (!current || current.slot !== slot || message?.token !== current.token) return;
    if (message.type === "line") {
      // The worker's collector keeps at most OUTPUT_LIMITS.lines; so does the page, whatever arrives.
      if (typeof message.line === "string" && current.lines.length < OUTPUT_LIMITS.lines)
        current.lines.push(message.line);
      return;
    }
    clearTimeout(current.timer);
    if (message.type === "started") {
      // The budget covers the snippet itself, not loading the model or sucrase.
      const s = this.budget.run / 1000;
      current.timer = setTimeout(
        () => this.lost(slot, { kind: "timeout", message: STOPPED.timeout(s) }),
        this.budget.run + this.budget.grace,
      );
      return;
    }
    this.current = undefined;
    if (current.edited) this.retire(slot);
    else this.idle ??= slot;
    const { output, error, ms, hosts, dropped } = message;
    current.finish({ output, error, ms, hosts, dropped });
  }

  /** The worker in `slot` failed or went away: end its run with `error`, and let it go. */
  private lost(slot: Slot, error: SnippetError) {
    if (slot.retired) return;
    this.retire(slot);
    const current = this.current;
    if (!current || current.slot !== slot) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.finish({ output: current.lines.join("\n"), error, hosts: [] });
  }

  /**
   * Terminates the worker in `slot`. When it had loaded, a fresh one is started for the
   * next run; one that failed to load is not retried until the next run asks.
   */
  private retire(slot: Slot) {
    slot.retired = true;
    slot.worker.onmessage = slot.worker.onerror = slot.worker.onmessageerror = null;
    slot.worker.terminate();
    if (this.idle === slot) this.idle = undefined;
    if (slot.alive) this.warm();
  }
}
