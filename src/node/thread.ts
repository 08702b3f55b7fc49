/**
 * The worker thread the Node docs runner (node-run.ts) runs snippets in: the
 * same runner core as the page's worker, locked down the same way (no network,
 * no strings turned into code, the snippet's console and timers as globals).
 * It answers one run at a time: the reply goes on the run's MessagePort, then
 * the shared signal flips, which wakes the waiting test. A snippet that never
 * yields never answers; the runner terminates the thread. Node-only; bundled
 * by esbuild at first use, since a worker thread cannot load TypeScript.
 */
import vm from "node:vm";
import { parentPort } from "node:worker_threads";
import * as model from "msi-lifecycle";
import { type Evaluate, type RunScope, runCompiled } from "../runner/core";
import { block, lockdown } from "../runner/lockdown";
import { plainHosts } from "../runner/profile";
import { pinRunGlobals } from "../runner/run-globals";
import { SNIPPET_FILENAME } from "../runner/snippet-error";
import { ANSWERED, STARTED, type ThreadLine, type ThreadRequest } from "./thread-protocol";

const SLOT = "__msiLifecycleInvoke";
const g = globalThis as unknown as Record<string, unknown>;
const clock = {
  setTimeout: globalThis.setTimeout.bind(globalThis) as (fn: () => void, ms: number) => unknown,
  clearTimeout: globalThis.clearTimeout.bind(globalThis) as (handle: unknown) => void,
  now: performance.now.bind(performance),
};
let active: RunScope | undefined;
/** Globals a Node worker thread has and a browser's Web Worker does not, that reach the event loop or the process. */
const NODE_ONLY_GLOBALS = ["setImmediate", "clearImmediate", "process"] as const;

/** `vm` with a timeout for the synchronous part; the core's budget covers the async part. */
function nodeEvaluate(timeoutMs: number, signal: Int32Array): Evaluate {
  return (js, invoke) => {
    g[SLOT] = invoke;
    Atomics.store(signal, 0, STARTED);
    Atomics.notify(signal, 0);
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

async function answer({ js, mappings, profile, budgetMs, signal, port }: ThreadRequest) {
  const result = await runCompiled(
    { ok: true, js, mappings },
    {
      model,
      profile,
      budgetMs,
      clock,
      evaluate: nodeEvaluate(budgetMs, signal),
      onScope: (s) => {
        active = s;
      },
      onLine: (line) => port.postMessage({ line } satisfies ThreadLine),
    },
  );
  const hosts = plainHosts(result.hosts, { profile: true });
  try {
    port.postMessage({ ...result, hosts });
  } catch (e) {
    port.postMessage({ ...result, hosts: [], error: { kind: "runtime", message: `Error: the run's result: ${e}` } });
  }
  port.close();
  Atomics.store(signal, 0, ANSWERED);
  Atomics.notify(signal, 0);
}

process.on("unhandledRejection", (reason) => active?.fail(reason));
process.on("uncaughtException", (error) => active?.fail(error));
lockdown(g);
// Node's own ways to schedule work, which the page's worker does not have: work queued through
// them would escape the run's budget and print into the next run. Snippets run in both places,
// so they get the browser's set; the handlers above keep the thread's own `process`.
for (const name of NODE_ONLY_GLOBALS) {
  block(g, name, name, "snippets run in the browser too, where it does not exist", name === "process");
}
pinRunGlobals(g, () => active);
parentPort?.on("message", (request: ThreadRequest) => void answer(request));
