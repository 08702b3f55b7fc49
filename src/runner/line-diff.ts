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

/** How many lines the diff adds or removes. */
export function changedLines(diff: readonly DiffLine[]): number {
  return diff.filter((d) => d.op !== " ").length;
}

/**
 * The diff as text, one line per entry prefixed with its op (" ", "-", "+"), as in
 * a unified patch. Unchanged lines farther than `context` from a change collapse
 * into one "@@ n unchanged lines @@" line.
 */
export function formatLineDiff(diff: readonly DiffLine[], context = 3): string {
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
  return out.join("\n");
}
