/**
 * A small line diff (longest common subsequence), enough for the few lines a
 * snippet prints. Browser-safe, no dependencies.
 */

export interface DiffLine {
  /** " " in both, "-" expected but not printed, "+" printed but not expected. */
  op: " " | "-" | "+";
  text: string;
}

/** Splits output into lines; "" has no lines. */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.replace(/\r\n/g, "\n").split("\n");
}

/** The line diff from `expected` to `actual`, expected lines first where both change. */
export function lineDiff(expected: string, actual: string): DiffLine[] {
  const a = splitLines(expected);
  const b = splitLines(actual);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: " ", text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ op: "-", text: a[i++] });
    } else {
      out.push({ op: "+", text: b[j++] });
    }
  }
  while (i < n) out.push({ op: "-", text: a[i++] });
  while (j < m) out.push({ op: "+", text: b[j++] });
  return out;
}
