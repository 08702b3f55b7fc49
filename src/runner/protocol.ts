/**
 * Messages between the page and the snippet worker. Browser-safe, types only
 * (plus the time budgets both sides agree on).
 *
 * Every run carries a token the page draws from crypto.getRandomValues(); the
 * page takes a message as a run's answer only when it carries that run's
 * token, and a worker that ran the reader's edit is discarded after that run,
 * so no run (and no snippet) can answer for another.
 */
import type { RunResult } from "./core";

/** How long one snippet may run in the page, its async work included, in ms. */
export const RUN_BUDGET_MS = 3000;

/**
 * How much longer than the budget the page waits before it terminates the worker, in ms:
 * the worker ends a run whose async work overruns by itself (keeping its output), and is
 * terminated only when the snippet never yields.
 */
export const RUN_GRACE_MS = 500;

/** What to run: the published snippet's precompiled script, or the reader's edit (compiled in the worker). */
export type RunInput = { profile: string; js: string; mappings?: string } | { profile: string; code: string };

/** Page -> worker: run one snippet under one kernel profile. */
export type RunRequest = { type: "run"; token: string; budgetMs: number } & RunInput;

/** Page -> worker, first: the name of the Web Lock to hold while the worker lives. */
export type Hello = { type: "hello"; lock: string };

/**
 * What a run in the page came back with: the run's result (its hosts as plain data, for
 * the pictures), and its time in the worker when it got that far.
 */
export type RunOutcome = RunResult & { ms?: number };

/**
 * Worker -> page. `alive`: the worker holds the life lock the page named in its `hello`, so
 * the page can notice at once when it goes away. `started` arrives just before the snippet
 * runs: the time budget starts then. `line`: each output line as it is printed.
 */
export type WorkerMessage =
  | { type: "alive" }
  | { token: string; type: "started" }
  /** One output line, as the run keeps it: the page still has it if it must terminate the worker. */
  | { token: string; type: "line"; line: string }
  | ({ token: string; type: "done"; ms: number } & RunResult);
