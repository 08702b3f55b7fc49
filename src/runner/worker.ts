/// <reference lib="webworker" />
/**
 * The snippet worker: holds the model, no DOM. Runs precompiled snippets straight
 * away; compiles the reader's edits with sucrase, imported on the first edit only.
 * An endless snippet blocks this worker, never the page: the page terminates the
 * worker when the time budget is spent and starts a fresh one for the next Run.
 */
import * as model from "msi-lifecycle";
import { type Evaluate, runCompiled } from "./core";
import type { RunRequest, WorkerMessage } from "./protocol";
import type { CompileResult } from "./snippet-error";

const scope = self as unknown as DedicatedWorkerGlobalScope;

/**
 * Indirect eval: global scope, and `//# sourceURL=snippet.ts` names the stack frames.
 * Evaluating the reader's code is this worker's purpose; it has no DOM and no page state.
 */
const browserEvaluate: Evaluate = (js, invoke) => {
  // biome-ignore lint/security/noGlobalEval: running the snippet is the point, inside the sandboxed worker
  const fn = (0, eval)(js);
  invoke(fn);
};

let compiler: Promise<typeof import("./compile")> | undefined;

function post(message: WorkerMessage) {
  scope.postMessage(message);
}

async function compile(request: RunRequest): Promise<CompileResult> {
  if ("js" in request) return { ok: true, js: request.js, mappings: request.mappings };
  compiler ??= import("./compile");
  const { compileSnippet } = await compiler;
  return compileSnippet(request.code);
}

scope.onmessage = async (event: MessageEvent<RunRequest>) => {
  const request = event.data;
  const compiled = await compile(request);
  post({ id: request.id, type: "started" });
  const t0 = performance.now();
  const { output, error, hosts } = runCompiled(compiled, {
    model,
    profile: request.profile,
    evaluate: browserEvaluate,
  });
  // The hosts (live model objects) stay here: they do not survive structured cloning. Their
  // kernels and traces (plain data) go back, for the pictures (src/pictures/client/live.ts).
  const plain = hosts.map((h) => ({ kernel: h.kernel, trace: h.trace }));
  post({ id: request.id, type: "done", ms: performance.now() - t0, output, error, hosts: plain });
};
