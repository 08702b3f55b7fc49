/**
 * Checks the JavaScript sucrase made of an edited snippet before it runs, with
 * acorn, a parser that validates as V8 does: sucrase parses leniently (a `let`
 * declared twice, an `await` in a function that is not async pass through it),
 * and V8's SyntaxError from eval names no position in the browser, so acorn
 * gives every syntax error its line and column. The same tree refuses a dynamic
 * `import()`, which would load code from any URL: a snippet imports only the
 * model, with a static import. A program acorn cannot parse does not run.
 * Browser-safe.
 */
import { type Node, parse } from "acorn";
import { MODEL_MODULE, mapToSource, type SnippetError } from "./snippet-error";

/** The first node of `type` in the tree, depth first. */
function find(node: unknown, type: string): Node | undefined {
  if (!node || typeof node !== "object") return undefined;
  if ((node as Node).type === type) return node as Node;
  for (const value of Object.values(node)) {
    const found = Array.isArray(value) ? value.map((v) => find(v, type)).find(Boolean) : find(value, type);
    if (found) return found;
  }
  return undefined;
}

/** Checks the wrapped script; a SyntaxError (or the refusal of `import()`) with its snippet position. */
export function checkCompiled(js: string, mappings?: string): SnippetError | undefined {
  let program: Node;
  try {
    program = parse(js, { ecmaVersion: "latest", sourceType: "script", locations: true });
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const at = err.loc ? mapToSource({ line: err.loc.line, column: err.loc.column + 1 }, mappings) : undefined;
    return {
      kind: "syntax",
      message: `SyntaxError: ${err.message.replace(/\s*\(\d+:\d+\)$/, "")}`,
      ...at,
    };
  }
  const dynamic = find(program, "ImportExpression");
  if (dynamic?.loc) {
    const at = mapToSource({ line: dynamic.loc.start.line, column: dynamic.loc.start.column + 1 }, mappings);
    return {
      kind: "syntax",
      message: `Error: import() is blocked: a snippet imports only "${MODEL_MODULE}", with a static import at the top`,
      ...at,
    };
  }
  return undefined;
}
