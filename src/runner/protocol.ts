/**
 * Messages between the page and the snippet worker. Browser-safe, types only
 * (plus the time budget both sides agree on).
 */
import type { TraceEntry } from "msi-lifecycle";
import type { SnippetError } from "./snippet-error";

/** How long one snippet may run in the page before its worker is terminated, in ms. */
export const RUN_BUDGET_MS = 3000;

/** Page -> worker: run one snippet under one kernel profile. */
export type RunRequest =
  /** The unedited snippet: the script precompiled at build time (no transpiler needed). */
  | { id: number; profile: string; js: string; mappings?: string }
  /** The reader's edit: TypeScript the worker compiles with sucrase (loaded on first use). */
  | { id: number; profile: string; code: string };

/** Worker -> page. `started` arrives just before the snippet runs: the time budget starts then. */
export type WorkerMessage =
  | { id: number; type: "started" }
  | { id: number; type: "done"; ms: number; output: string; error?: SnippetError; hosts?: RunHost[] };

/**
 * A host of a run as the pictures draw it: its kernel profile and its trace entries, plain data.
 * The one declaration of this shape: the runner core records it (profile.ts), the worker posts it,
 * the build and the page draw it (src/pictures). What arrives from the worker is untyped until
 * validateRunHosts() (validate-run.ts) has checked it.
 */
export interface RunHost {
  kernel: string;
  trace: readonly TraceEntry[];
}

/** The name src/runner/client/ still uses for RunHost (the same type, not a second shape). */
export type PlainHost = RunHost;
