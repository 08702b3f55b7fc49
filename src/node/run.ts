/**
 * Runs a snippet in Node (Vitest, update mode) with the same runner core as the
 * browser worker, under a time limit: `vm` interrupts a snippet that loops
 * forever and reports it as a timeout instead of hanging the test run. Node-only.
 */
import vm from "node:vm";
import * as model from "msi-lifecycle";
import { SNIPPET_FILENAME } from "../runner/compile";
import { type Evaluate, type RunResult, runSnippet, type SnippetFunction } from "../runner/execute";

/** Default time budget of one snippet run in Node, in milliseconds. */
export const NODE_TIMEOUT_MS = 2000;

const SLOT = "__msiLifecycleInvoke";

function nodeEvaluate(timeoutMs: number): Evaluate {
  return (js, invoke) => {
    const g = globalThis as Record<string, unknown>;
    g[SLOT] = invoke;
    try {
      // The call happens inside the script, so the timeout covers the snippet's body.
      vm.runInThisContext(`globalThis.${SLOT}(${js}\n)`, { filename: SNIPPET_FILENAME, timeout: timeoutMs });
    } catch (e) {
      if ((e as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") {
        throw { kind: "timeout", message: `the snippet ran longer than ${timeoutMs} ms and was stopped` };
      }
      throw e;
    } finally {
      delete g[SLOT];
    }
  };
}

/** Runs snippet code under one kernel profile in Node. */
export function runSnippetInNode(code: string, profile: string, timeoutMs = NODE_TIMEOUT_MS): RunResult {
  return runSnippet(code, { model, profile, evaluate: nodeEvaluate(timeoutMs) });
}

export type { SnippetFunction };
