/// <reference lib="webworker" />
/**
 * The snippet worker: holds the model, no DOM. Runs precompiled snippets straight
 * away; compiles the reader's edits with sucrase, imported on the first edit only.
 * Before the first snippet runs, the worker locks itself down (lockdown.ts): no
 * network, no origin storage, no strings turned into code, no messages to the
 * page but the runner's own, and the snippet's console and timers in place of the
 * globals. What it needs for itself it captured at load. It holds the Web Lock
 * the page names in its first message while it lives, so the page notices at
 * once when it goes.
 * An endless snippet blocks this worker, never the page: the page terminates it
 * when the time budget is spent (worker-client.ts).
 */
import * as model from "msi-lifecycle";
import { type Evaluate, type RunScope, runCompiled } from "./core";
import { lockdown } from "./lockdown";
import { plainHosts } from "./profile";
import type { Hello, RunRequest, WorkerMessage } from "./protocol";
import { pinRunGlobals } from "./run-globals";
import type { CompileResult } from "./snippet-error";

const scope = self as unknown as DedicatedWorkerGlobalScope & Record<string, unknown>;

// Captured before any snippet runs: what the runner itself needs after the lockdown.
// biome-ignore lint/security/noGlobalEval: running the snippet is the point, inside the locked-down worker
const indirectEval = eval;
const post: (message: WorkerMessage) => void = scope.postMessage.bind(scope);
const now = performance.now.bind(performance);
const clock = { setTimeout: scope.setTimeout.bind(scope), clearTimeout: scope.clearTimeout.bind(scope), now };

/** The run in progress: the globals the lockdown pins (console, timers) lead to it. */
let active: RunScope | undefined;
let locked = false;

/** Locks the worker down, once; the snippet's console and timers become the globals. */
function lockdownOnce() {
  if (locked) return;
  lockdown(scope);
  pinRunGlobals(scope, () => active);
  locked = true;
}

/** Indirect eval: global scope, and `//# sourceURL=snippet.ts` names the stack frames. */
const evaluate: Evaluate = (js, invoke) => {
  const fn = indirectEval(js);
  lockdownOnce();
  invoke(fn);
};

// What the snippet's callbacks leave uncaught ends its run with that error.
scope.addEventListener("unhandledrejection", (e) => {
  e.preventDefault();
  active?.fail(e.reason);
});
scope.addEventListener("error", (e) => {
  e.preventDefault();
  active?.fail(e.error ?? new Error(e.message));
});

let compiler: Promise<typeof import("./compile")> | undefined;

async function compile(request: RunRequest): Promise<CompileResult> {
  if ("js" in request) return { ok: true, js: request.js, mappings: request.mappings };
  compiler ??= import("./compile");
  const { compileSnippet } = await compiler;
  return compileSnippet(request.code);
}

async function run(request: RunRequest) {
  let compiled: CompileResult;
  try {
    compiled = await compile(request);
  } catch (e) {
    compiled = { ok: false, error: { kind: "runtime", message: `Error: the compiler could not load (${e})` } };
  }
  post({ token: request.token, type: "started" });
  const t0 = now();
  const result = await runCompiled(compiled, {
    model,
    profile: request.profile,
    evaluate,
    budgetMs: request.budgetMs,
    clock,
    onScope: (s) => {
      active = s;
    },
    onLine: (line) => post({ token: request.token, type: "line", line }),
  });
  // The hosts (live model objects) stay here: they do not survive structured cloning. Their
  // kernels and traces (plain data) go back, for the pictures (src/pictures/client/live.ts).
  const hosts = plainHosts(result.hosts);
  post({ ...result, hosts, token: request.token, type: "done", ms: now() - t0 });
}

/** Takes the life lock the page names: held until this worker ends, however it ends. */
let greeted = false;
function hello(lock: string) {
  if (greeted) return;
  greeted = true;
  const locks = scope.navigator.locks;
  if (!locks || typeof lock !== "string") {
    post({ type: "alive" });
    return;
  }
  void locks.request(lock, () => {
    post({ type: "alive" });
    return new Promise<never>(() => {});
  });
}

scope.addEventListener("message", (event: MessageEvent<RunRequest | Hello>) => {
  const data = event.data;
  if (data?.type === "run") void run(data);
  else if (data?.type === "hello") hello(data.lock);
});
