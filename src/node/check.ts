/**
 * Runs one embedded snippet under one profile and judges it against its
 * expected output. The message of a failure names the page line, the snippet
 * line and shows a line diff, so a reader who did not write the snippet can fix
 * it. Node-only.
 */
import { describePosition } from "../runner/execute";
import { formatLineDiff, lineDiff } from "../runner/line-diff";
import { normaliseOutput } from "../snippet/file";
import type { SnippetCase } from "./collect";
import { runSnippetInNode } from "./run";

export interface CaseVerdict {
  ok: boolean;
  /** What the snippet printed (normalised). */
  actual: string;
  /** Why it failed, ready to print. */
  message?: string;
}

/** Runs `c` under `profile` and compares with its `// Output (<profile>):` block. */
export function checkCase(c: SnippetCase, profile: string, timeoutMs?: number): CaseVerdict {
  const expected = c.snippet.outputs.find((o) => o.profile === profile);
  if (!expected) throw new Error(`${c.file} has no expected output for ${profile}`);
  const result = runSnippetInNode(c.snippet.body, profile, timeoutMs);
  const actual = normaliseOutput(result.output);
  const where = `  page:    ${c.page}:${c.pageLine}\n`;
  if (result.error) {
    const fileLine = result.error.line !== undefined ? result.error.line + c.snippet.bodyOffset : undefined;
    const pos = describePosition(result.error);
    const verb =
      result.error.kind === "syntax"
        ? "does not compile"
        : result.error.kind === "timeout"
          ? "did not finish"
          : "threw an error";
    return {
      ok: false,
      actual,
      message:
        `snippet "${c.src}" ${verb} under ${profile}: ${result.error.message}\n` +
        where +
        `  snippet: ${c.file}${fileLine !== undefined ? `:${fileLine}` : ""}${pos ? ` (${pos} of the shown code)` : ""}\n` +
        (actual ? `  printed before it stopped:\n${indent(actual)}\n` : ""),
    };
  }
  const want = normaliseOutput(expected.text);
  if (actual === want) return { ok: true, actual };
  const patch = `--- expected (${c.file}:${expected.line})\n+++ actual\n${formatLineDiff(lineDiff(want, actual))}`;
  return {
    ok: false,
    actual,
    message:
      `snippet "${c.src}" printed something else than its expected output under ${profile}\n` +
      where +
      `  snippet: ${c.file}:${expected.line} (the "// Output (${profile}):" block)\n` +
      `  to accept the new output: npm run snippets:update, then review the diff in git\n\n${patch}`,
  };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}
