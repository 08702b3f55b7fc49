/**
 * The parts of compiling a snippet that need no transpiler: the error shape, the
 * wrapper's names, and finding a snippet position in a stack. Split from
 * compile.ts so the browser worker can run precompiled snippets without loading
 * sucrase (it loads compile.ts only on the reader's first edit). Browser-safe.
 */
import { decode } from "@jridgewell/sourcemap-codec";

export interface SnippetError {
  /** `crash`: the worker running the snippet went away (closed, out of memory). */
  kind: "syntax" | "runtime" | "timeout" | "crash";
  /** `SyntaxError: ...`, `TypeError: ...`, or the timeout or crash message. */
  message: string;
  /** 1-based line in the code that was run, when known. */
  line?: number;
  /** 1-based column in the code that was run, when known. */
  column?: number;
}

/** The name compiled snippets are evaluated under; stack frames are matched against it. */
export const SNIPPET_FILENAME = "snippet.ts";

/** The only module a snippet may import. */
export const MODEL_MODULE = "msi-lifecycle";

/**
 * What compileSnippet() returns: the wrapped script, or a syntax error with its position.
 * `mappings` is sucrase's token-level source map (VLQ): lines never move, but columns
 * do (`createHost(` becomes `_msilifecycle.createHost.call(void 0, `), so a runtime
 * error's column is mapped back through it.
 */
export type CompileResult = { ok: true; js: string; mappings?: string } | { ok: false; error: SnippetError };

/**
 * The wrapper compileSnippet() puts before the snippet, on its line 1: an async function, so a
 * top-level `await` is valid, whose parameters give the snippet its own console and timers
 * (core.ts, async-work.ts).
 */
export const WRAPPER_PREFIX =
  "(async function (require, console, setTimeout, setInterval, clearTimeout, clearInterval, queueMicrotask) {";

/**
 * Maps a 1-based (line, column) of the evaluated script back to the snippet's own
 * column, through the compiler's mappings. Line 1 also carries the wrapper prefix.
 */
export function mapToSource(
  at: { line: number; column: number },
  mappings: string | undefined,
): { line: number; column: number } {
  let col0 = at.column - 1 - (at.line === 1 ? WRAPPER_PREFIX.length : 0);
  if (mappings) {
    const segments = decode(mappings)[at.line - 1] ?? [];
    let best: number | undefined;
    for (const seg of segments) {
      if (seg.length >= 4 && seg[0] <= col0) best = seg[3];
    }
    if (best !== undefined) col0 = best;
  }
  return { line: at.line, column: Math.max(1, col0 + 1) };
}

/**
 * Finds the first stack frame inside the snippet and returns its line and column.
 * V8 prints frames as `at ... (snippet.ts:12:7)` or `at snippet.ts:12:7`.
 */
export function locateInSnippet(stack: string | undefined): { line: number; column: number } | undefined {
  if (!stack) return undefined;
  const re = new RegExp(`${SNIPPET_FILENAME.replace(".", "\\.")}:(\\d+):(\\d+)`);
  const m = re.exec(stack);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}
