/**
 * Compiles and runs one snippet against the model and captures what it prints.
 * The same core (core.ts) runs in the Node docs runner (a worker thread, through
 * a `vm` evaluator) and in the browser worker (through indirect eval), so both
 * see the same output, the same limits and the same error positions.
 * Browser-safe.
 */
import { compileSnippet } from "./compile";
import { type RunOptions, type RunResult, runCompiled } from "./core";

export {
  type Clock,
  describePosition,
  type Evaluate,
  type RunOptions,
  type RunResult,
  runCompiled,
  type SnippetConsole,
  type SnippetFunction,
  toSnippetError,
} from "./core";

/** Compiles and runs snippet TypeScript until its work settles; never rejects for a fault in the snippet. */
export function runSnippet(code: string, options: RunOptions): Promise<RunResult> {
  return runCompiled(compileSnippet(code), options);
}
