/**
 * The runner core: runs one compiled snippet against the model and captures what
 * it prints. Vitest reaches it through runSnippet() (execute.ts, which compiles
 * first, in Node under a `vm` time limit); the browser worker calls it directly
 * with the precompiled script from the page's JSON, or with the reader's edit
 * compiled in the worker (the worker itself is the time limit). One core, so the
 * page and CI print the same bytes and the same error positions.
 * Browser-safe, and free of the transpiler.
 */

import { formatArgs } from "./format";
import { modelForProfile, type RunHost } from "./profile";
import { type CompileResult, locateInSnippet, MODEL_MODULE, mapToSource, type SnippetError } from "./snippet-error";

/** What a run of a snippet produced. */
export interface RunResult {
  /** Every console line the snippet printed, joined with "\n". */
  output: string;
  /** Set when the snippet did not compile, threw, or ran out of time. */
  error?: SnippetError;
  /** The hosts the snippet created (kernel and trace), for the pictures. */
  hosts: RunHost[];
}

/**
 * Evaluates the compiled wrapper and returns the snippet function. Node passes
 * a `vm`-based evaluator with a timeout; the browser passes indirect eval.
 */
export type Evaluate = (js: string, invoke: (fn: SnippetFunction) => void) => void;
export type SnippetFunction = (require: (id: string) => unknown, console: SnippetConsole) => void;

export interface SnippetConsole {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface RunOptions {
  /** The model module (the exports of `msi-lifecycle`). */
  model: object;
  /** The kernel profile that the snippet's `KERNEL` stands for in this run. */
  profile: string;
  evaluate: Evaluate;
}

/** Runs an already compiled snippet; never throws for a fault in the snippet. */
export function runCompiled(compiled: CompileResult, options: RunOptions): RunResult {
  if (!compiled.ok) return { output: "", error: compiled.error, hosts: [] };
  const { model, hosts } = modelForProfile(options.model, options.profile);
  const lines: string[] = [];
  const print = (...args: unknown[]) => {
    lines.push(formatArgs(args));
  };
  const console: SnippetConsole = { log: print, info: print, warn: print, error: print };
  const require = (id: string) => {
    if (id === MODEL_MODULE) return model;
    throw new Error(`snippets can import only "${MODEL_MODULE}", not "${id}"`);
  };
  try {
    options.evaluate(compiled.js, (fn) => fn(require, console));
  } catch (e) {
    return { output: lines.join("\n"), error: toSnippetError(e, compiled.mappings), hosts };
  }
  return { output: lines.join("\n"), hosts };
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
