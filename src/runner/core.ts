/**
 * The runner core: runs one compiled snippet against the model and captures what
 * it prints, its async work included (async-work.ts), up to the output cap
 * (output.ts). The browser worker calls it with the precompiled script from the
 * page's JSON or with the reader's edit compiled in the worker; the Node docs
 * runner calls it in a worker thread. One core, so the page and CI print the
 * same bytes and the same error positions, and hold the same limits.
 * Browser-safe, and free of the transpiler.
 */
import { type Clock, type Settled, type SnippetTimerApi, SnippetTimers, settle } from "./async-work";
import { OutputCollector, type SnippetConsole } from "./output";
import { modelForProfile, type RunHost } from "./profile";
import { type CompileResult, locateInSnippet, MODEL_MODULE, mapToSource, type SnippetError } from "./snippet-error";

export type { Clock, SnippetConsole };

/** What a run of a snippet produced. */
export interface RunResult {
  /** The console lines the snippet printed, joined with "\n", up to the output cap. */
  output: string;
  /** How many printed lines the output cap left out; absent when none. */
  dropped?: number;
  /** Set when the snippet did not compile, threw, or ran out of time. */
  error?: SnippetError;
  /** The hosts the snippet created (kernel and trace), for the pictures. */
  hosts: RunHost[];
}

/** The compiled snippet: an async function of the model's `require`, a console and its timers. */
export type SnippetFunction = (
  require: (id: string) => unknown,
  console: SnippetConsole,
  ...timers: SnippetTimerApi[keyof SnippetTimerApi][]
) => Promise<unknown>;

/**
 * Evaluates the compiled wrapper and hands the snippet function to `invoke`, which
 * calls it. The browser worker passes indirect eval (and locks the worker down
 * between the two); Node passes a `vm` evaluator with a timeout for the synchronous part.
 */
export type Evaluate = (js: string, invoke: (fn: SnippetFunction) => void) => void;

/** What a run may see while it runs: its console and timers (the worker makes them its globals too). */
export interface RunScope {
  console: SnippetConsole;
  timers: SnippetTimerApi;
  /** Records an error the environment saw (an unhandled rejection, an uncaught error in a callback). */
  fail(error: unknown): void;
}

export interface RunOptions {
  /** The model module (the exports of `msi-lifecycle`). */
  model: object;
  /** The kernel profile that the snippet's `KERNEL` stands for in this run. */
  profile: string;
  evaluate: Evaluate;
  /** The time budget of the run, async work included, in ms. */
  budgetMs: number;
  /** The environment's own timers, captured before any snippet ran. */
  clock: Clock;
  /** Called once the run's console and timers exist, before the snippet runs; and with undefined after. */
  onScope?: (scope: RunScope | undefined) => void;
  /**
   * Hears each output line as the run keeps it (within the cap), while the snippet runs: what a
   * runner that must stop a snippet from outside keeps of what it printed.
   */
  onLine?: (line: string) => void;
}

/** Runs an already compiled snippet until its work settles; never rejects for a fault in the snippet. */
export async function runCompiled(compiled: CompileResult, options: RunOptions): Promise<RunResult> {
  if (!compiled.ok) return { output: "", error: compiled.error, hosts: [] };
  const { model, hosts } = modelForProfile(options.model, options.profile);
  const out = new OutputCollector(undefined, options.onLine);
  const timers = new SnippetTimers(options.clock);
  const require = (id: string) => {
    if (id === MODEL_MODULE) return model;
    throw new Error(`snippets can import only "${MODEL_MODULE}", not "${id}"`);
  };
  const deadline = options.clock.now() + options.budgetMs;
  const t = timers.api;
  let main: Promise<unknown> = Promise.resolve();
  options.onScope?.({ console: out.console, timers: t, fail: (e) => timers.fail(e) });
  let end: Settled;
  try {
    options.evaluate(compiled.js, (fn) => {
      main = fn(require, out.console, t.setTimeout, t.setInterval, t.clearTimeout, t.clearInterval, t.queueMicrotask);
    });
    end = await settle(main, timers, options.clock, deadline);
  } catch (e) {
    end = { kind: "failed", error: e };
    timers.stop();
  } finally {
    out.close();
    options.onScope?.(undefined);
  }
  const result: RunResult = { output: out.text, hosts };
  if (out.dropped > 0) result.dropped = out.dropped;
  if (end.kind === "failed") result.error = toSnippetError(end.error, compiled.mappings);
  if (end.kind === "timeout") {
    result.error = {
      kind: "timeout",
      message: `Stopped: the snippet was still waiting for ${end.waitingFor} when its ${options.budgetMs / 1000} s ran out.`,
    };
  }
  return result;
}

/** Turns whatever a snippet threw into a SnippetError with its snippet position. */
export function toSnippetError(e: unknown, mappings?: string): SnippetError {
  if (e && typeof e === "object" && "kind" in e && (e as SnippetError).kind === "timeout") {
    return e as SnippetError;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const found = locateInSnippet(err.stack);
  const at = found ? mapToSource(found, mappings) : undefined;
  return {
    kind: err.name === "SyntaxError" ? "syntax" : "runtime",
    message: `${err.name}: ${err.message}`,
    line: at?.line,
    column: at?.column,
  };
}

/** "line 12, column 7" or "" when unknown. */
export function describePosition(error: SnippetError): string {
  if (error.line === undefined) return "";
  return error.column === undefined ? `line ${error.line}` : `line ${error.line}, column ${error.column}`;
}
