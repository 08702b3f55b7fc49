/**
 * Turns a snippet's TypeScript into a script the runner can evaluate.
 * Sucrase strips types and turns `import ... from "msi-lifecycle"` into a
 * `require()` call while keeping every line where it was, so a line number in
 * the compiled code is the same line in the snippet; acorn then checks the
 * result (check-js.ts): syntax errors sucrase let through, and `import()`.
 * Browser-safe.
 */
import { transform } from "sucrase";
import { checkCompiled } from "./check-js";

import {
  type CompileResult,
  locateInSnippet,
  MODEL_MODULE,
  SNIPPET_FILENAME,
  type SnippetError,
  WRAPPER_PREFIX,
} from "./snippet-error";

export { type CompileResult, locateInSnippet, MODEL_MODULE, SNIPPET_FILENAME, type SnippetError };

/**
 * Compiles snippet TypeScript to a single expression that evaluates to an async function
 * of the model's `require`, a console and the snippet's timers (WRAPPER_PREFIX). The
 * wrapper opens on line 1, so lines do not shift.
 */
export function compileSnippet(code: string): CompileResult {
  let js: string;
  let mappings: string | undefined;
  try {
    const out = transform(code, {
      transforms: ["typescript", "imports"],
      production: true,
      disableESTransforms: true,
      // Keep `import()` as it is, for check-js.ts to refuse, rather than a require() in a promise.
      preserveDynamicImport: true,
      filePath: SNIPPET_FILENAME,
      sourceMapOptions: { compiledFilename: SNIPPET_FILENAME },
    });
    js = out.code;
    mappings = out.sourceMap?.mappings;
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    return {
      ok: false,
      error: {
        kind: "syntax",
        message: `SyntaxError: ${err.message.replace(/\s*\(\d+:\d+\)$/, "")}`,
        line: err.loc?.line,
        column: err.loc ? err.loc.column : undefined,
      },
    };
  }
  const wrapped = `${WRAPPER_PREFIX}${js}\n})\n//# sourceURL=${SNIPPET_FILENAME}`;
  const refused = checkCompiled(wrapped, mappings);
  return refused ? { ok: false, error: refused } : { ok: true, js: wrapped, mappings };
}
