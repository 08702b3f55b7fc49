/**
 * Between the Node docs runner (node-run.ts) and its worker thread
 * (thread.ts): one request per run, and a shared signal the waiting test
 * sleeps on. Kept apart so that importing it runs none of the thread's code.
 * Node-only.
 */
import type { MessagePort } from "node:worker_threads";

/** Main thread -> worker thread: a snippet compiled by the main thread (compiling runs none of it). */
export interface ThreadRequest {
  js: string;
  mappings?: string;
  profile: string;
  budgetMs: number;
  /** [0]: 0 queued, STARTED the snippet started, ANSWERED the reply is on `port`. */
  signal: Int32Array;
  port: MessagePort;
}

/**
 * Worker thread -> main thread, on `port`, while the snippet runs: one output line as the run keeps
 * it, so that the main thread still has the lines if it must terminate the thread. The reply
 * (the RunResult) comes last.
 */
export interface ThreadLine {
  line: string;
}

export const STARTED = 1;
export const ANSWERED = 2;
