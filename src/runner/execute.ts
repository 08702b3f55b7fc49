/**
 * Compiles and runs one snippet against the model and captures what it prints.
 * The same core (core.ts) runs in Vitest (through a Node evaluator with a time
 * limit) and in the browser worker (through indirect eval; the worker itself is
 * the time limit), so both see the same output and the same error positions.
 * Browser-safe.
 */
import { compileSnippet } from "./compile";
import { type RunOptions, type RunResult, runCompiled } from "./core";

export {
  describePosition,
  type Evaluate,
  type RunOptions,
  type RunResult,
  runCompiled,
  type SnippetConsole,
  type SnippetFunction,
  toSnippetError,
} from "./core";

/** Compiles and runs snippet TypeScript; never throws for a fault in the snippet. */
export function runSnippet(code: string, options: RunOptions): RunResult {
  return runCompiled(compileSnippet(code), options);
}
