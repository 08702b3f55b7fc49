/**
 * Runs a snippet in Node (Vitest, update mode, the build's pictures) with the
 * same runner core as the browser worker, in a worker thread (thread.ts)
 * with a memory limit, under a time budget that covers its async work: a
 * snippet that loops, queues microtasks forever or grows without bound is
 * stopped, its thread terminated, and the run fails with a timeout instead of
 * hanging or crashing the test process. The caller waits synchronously (a
 * shared signal, Atomics.wait), so callers stay synchronous. A thread whose
 * last run ended cleanly is kept for the next run. Node-only.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { compileSnippet } from "../runner/compile";
import type { RunResult } from "../runner/execute";
import { threadScript } from "./thread-bundle";
import { ANSWERED, STARTED, type ThreadLine, type ThreadRequest } from "./thread-protocol";

/** Default time budget of one snippet run in Node, async work included, in milliseconds. */
export const NODE_TIMEOUT_MS = 2000;
/** The heap a snippet's thread may grow to, in MB. */
export const NODE_MEMORY_MB = 256;
/** How long a new thread may take to load before the run is given up, in milliseconds. */
const LOAD_MS = 15_000;
/** How much longer than the budget the runner waits before it terminates the thread. */
const GRACE_MS = 500;

let idle: Worker | undefined;
/** Each snippet runs under each of its profiles: compile its body once. */
const compiledBodies = new Map<string, ReturnType<typeof compileSnippet>>();

function spawn(): Worker {
  const thread = new Worker(threadScript(), {
    eval: true,
    resourceLimits: { maxOldGenerationSizeMb: NODE_MEMORY_MB, maxYoungGenerationSizeMb: 32 },
  });
  thread.on("error", () => {}); // an out-of-memory death: the waiting run reports it
  thread.unref();
  return thread;
}

/** Waits until signal[0] reaches `value`, at most `ms`; false when it did not. */
function waitFor(signal: Int32Array, value: number, ms: number): boolean {
  const deadline = Date.now() + ms;
  for (let seen = Atomics.load(signal, 0); seen < value; seen = Atomics.load(signal, 0)) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    Atomics.wait(signal, 0, seen, left);
  }
  return true;
}

/**
 * Starts a thread ahead of the first run, so that it loads while the caller does other
 * work (the docs tests parse the pages meanwhile).
 */
export function warmNodeRunner(): void {
  idle ??= spawn();
}

/** Runs snippet code under one kernel profile in Node, in a worker thread. */
export function runSnippetInNode(body: string, profile: string, timeoutMs = NODE_TIMEOUT_MS): RunResult {
  let compiled = compiledBodies.get(body);
  if (!compiled) {
    compiled = compileSnippet(body);
    if (compiledBodies.size > 500) compiledBodies.clear();
    compiledBodies.set(body, compiled);
  }
  if (!compiled.ok) return { output: "", error: compiled.error, hosts: [] };
  const thread = idle ?? spawn();
  idle = undefined;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const { js, mappings } = compiled;
  const request: ThreadRequest = { js, mappings, profile, budgetMs: timeoutMs, signal, port: port2 };
  thread.postMessage(request, [port2]);
  const answered = waitFor(signal, STARTED, LOAD_MS) && waitFor(signal, ANSWERED, timeoutMs + GRACE_MS);
  // The lines the thread sent while the snippet ran, then (if it answered) its reply.
  const lines: string[] = [];
  let reply: RunResult | undefined;
  for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) {
    const message = m.message as ThreadLine | RunResult;
    if ("line" in message) lines.push(message.line);
    else if (answered) reply = message;
  }
  port1.close();
  if (!reply) {
    void thread.terminate();
    const started = Atomics.load(signal, 0) >= STARTED;
    const message = started
      ? `Stopped: the snippet did not finish within ${timeoutMs / 1000} s, async work included (an endless loop, endless async work, or more than ${NODE_MEMORY_MB} MB of memory), so its worker thread was terminated.`
      : `Error: the snippet's worker thread did not start within ${LOAD_MS / 1000} s.`;
    return { output: lines.join("\n"), hosts: [], error: { kind: started ? "timeout" : "crash", message } };
  }
  if (reply.error?.kind === "timeout") void thread.terminate();
  else idle = thread;
  return reply;
}
