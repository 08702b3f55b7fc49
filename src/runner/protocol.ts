/**
 * Messages between the page and the snippet worker. Browser-safe, types only
 * (plus the time budget both sides agree on).
 */
import type { RunResult } from "./core";

/** How long one snippet may run in the page before its worker is terminated, in ms. */
export const RUN_BUDGET_MS = 3000;

/** Page -> worker: run one snippet under one kernel profile. */
export type RunRequest =
  /** The unedited snippet: the script precompiled at build time (no transpiler needed). */
  | { id: number; profile: string; js: string; mappings?: string }
  /** The reader's edit: TypeScript the worker compiles with sucrase (loaded on first use). */
  | { id: number; profile: string; code: string };

/**
 * What a run in the page came back with: the run's result (its hosts as plain data, for
 * the pictures), and its time in the worker when it got that far.
 */
export type RunOutcome = RunResult & { ms?: number };

/** Worker -> page. `started` arrives just before the snippet runs: the time budget starts then. */
export type WorkerMessage = { id: number; type: "started" } | ({ id: number; type: "done"; ms: number } & RunResult);
