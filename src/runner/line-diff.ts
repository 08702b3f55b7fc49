/**
 * The line diff between a snippet's expected output and what it printed, from
 * the `diff` package. One diff for both places that show one: the page (the
 * runner's "Difference" box, src/runner/client/result-view.ts) and the docs
 * tests' failure message (src/node/check.ts). Browser-safe.
 */
import { diffArrays } from "diff/lib/diff/array.js";

export interface DiffLine {
  /** " " in both, "-" expected but not printed, "+" printed but not expected. */
  op: " " | "-" | "+";
  text: string;
}

/** Splits output into lines; "" has no lines. */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.replace(/\r\n/g, "\n").split("\n");
}

/** The line diff from `expected` to `actual`; where a run of lines changes, expected lines come first. */
export function lineDiff(expected: string, actual: string): DiffLine[] {
  return diffArrays(splitLines(expected), splitLines(actual)).flatMap((change) => {
    const op = change.removed ? "-" : change.added ? "+" : " ";
    return change.value.map((text): DiffLine => ({ op, text }));
  });
}

/**
 * How many lines of a diff are shown, on the page and in a failing docs test: the
 * output is capped already (output.ts), and a diff of a thousand lines helps no one.
 */
export const DIFF_MAX_LINES = 200;

/** The first `max` lines of a diff and how many more there are. */
export function limitDiff(diff: readonly DiffLine[], max = DIFF_MAX_LINES): { shown: DiffLine[]; hidden: number } {
  return { shown: diff.slice(0, max), hidden: Math.max(0, diff.length - max) };
}

/** "… 812 more lines of difference are not shown." */
export function hiddenNote(hidden: number): string {
  return `… ${hidden.toLocaleString("en-US")} more line${hidden === 1 ? "" : "s"} of difference ${hidden === 1 ? "is" : "are"} not shown.`;
}

/** How many lines the diff adds or removes. */
export function changedLines(diff: readonly DiffLine[]): number {
  return diff.filter((d) => d.op !== " ").length;
}

/**
 * The diff as text, one line per entry prefixed with its op (" ", "-", "+"), as in
 * a unified patch. Unchanged lines farther than `context` from a change collapse
 * into one "@@ n unchanged lines @@" line. At most `max` lines, and a note of how many more.
 */
export function formatLineDiff(diff: readonly DiffLine[], context = 3, max = DIFF_MAX_LINES): string {
  const near = diff.map(() => false);
  diff.forEach((d, i) => {
    if (d.op === " ") return;
    for (let j = Math.max(0, i - context); j <= Math.min(diff.length - 1, i + context); j++) near[j] = true;
  });
  const out: string[] = [];
  let skipped = 0;
  const flush = () => {
    if (skipped > 0) out.push(`@@ ${skipped} unchanged line${skipped === 1 ? "" : "s"} @@`);
    skipped = 0;
  };
  diff.forEach((d, i) => {
    if (!near[i]) {
      skipped++;
      return;
    }
    flush();
    out.push(`${d.op}${d.text}`);
  });
  flush();
  if (out.length > max) return [...out.slice(0, max), hiddenNote(out.length - max)].join("\n");
  return out.join("\n");
}
