/**
 * The page's side of the snippet worker (src/runner/worker.ts): starts it, runs
 * one snippet at a time in it, enforces the time budgets, and terminates and
 * replaces it when a run overruns or the worker fails. Knows nothing of the DOM
 * beyond the Worker interface, so the tests drive it with a fake worker.
 */
import { RUN_BUDGET_MS, type RunOutcome, type RunRequest, type WorkerMessage } from "../protocol";
import type { SnippetError } from "../snippet-error";

/** A run request before the client gives it an id: the published script, or the reader's edit. */
export type RunInput = { profile: string; js: string; mappings?: string } | { profile: string; code: string };

/** The part of a Web Worker the client uses. */
export type WorkerLike = Pick<Worker, "postMessage" | "terminate" | "onmessage" | "onerror">;

/** How long a fresh worker may take to load the model (and sucrase) before we give up, in ms. */
export const LOAD_BUDGET_MS = 20_000;

export interface WorkerClientOptions {
  /** Starts a new worker (the real one, or a fake in the tests). */
  spawn: () => WorkerLike;
  /** Overrides LOAD_BUDGET_MS. */
  loadBudgetMs?: number;
  /** Overrides RUN_BUDGET_MS. */
  runBudgetMs?: number;
}

interface CurrentRun {
  id: number;
  finish: (outcome: RunOutcome) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Runs are serialised, so at most one is in the worker. The load budget runs from
 * the request until the worker says `started`; the run budget from then until `done`.
 * When either is spent, or the worker fails, the worker is terminated, the run ends
 * with an error, and the next run starts a fresh worker.
 */
export class WorkerClient {
  private worker?: WorkerLike;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private current?: CurrentRun;
  private readonly loadBudgetMs: number;
  private readonly runBudgetMs: number;

  constructor(private readonly options: WorkerClientOptions) {
    this.loadBudgetMs = options.loadBudgetMs ?? LOAD_BUDGET_MS;
    this.runBudgetMs = options.runBudgetMs ?? RUN_BUDGET_MS;
  }

  /** Starts the worker (and so the model's download) ahead of the first run. */
  warm(): void {
    this.ensure();
  }

  /** Queues a run; resolves with its outcome, never rejects for a fault in the snippet or the worker. */
  run(input: RunInput): Promise<RunOutcome> {
    const next = this.queue.then(() => this.runNow(input));
    this.queue = next.catch(() => {});
    return next;
  }

  private ensure(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.options.spawn();
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.stop({
        kind: "runtime",
        message: `Error: the runner could not start (${e.message || "worker failed to load"})`,
      });
    };
    this.worker = worker;
    return worker;
  }

  private runNow(input: RunInput): Promise<RunOutcome> {
    const id = this.nextId++;
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(
        () => this.stop({ kind: "runtime", message: "Error: the runner did not start in time" }),
        this.loadBudgetMs,
      );
      this.current = { id, finish: resolve, timer };
      const request: RunRequest = { ...input, id };
      this.ensure().postMessage(request);
    });
  }

  private receive(message: WorkerMessage) {
    const current = this.current;
    if (!current || message.id !== current.id) return;
    clearTimeout(current.timer);
    if (message.type === "started") {
      // The budget covers the snippet itself, not loading the model or sucrase.
      current.timer = setTimeout(
        () =>
          this.stop({
            kind: "timeout",
            message: `Stopped: the snippet ran longer than ${this.runBudgetMs / 1000} s, so its worker was terminated. The next Run starts a fresh one.`,
          }),
        this.runBudgetMs,
      );
      return;
    }
    this.current = undefined;
    const { output, error, ms, hosts } = message;
    current.finish({ output, error, ms, hosts });
  }

  /** Terminates the worker and ends the current run with `error`. */
  private stop(error: SnippetError) {
    this.worker?.terminate();
    this.worker = undefined;
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.finish({ output: "", error, hosts: [] });
    }
  }
}
