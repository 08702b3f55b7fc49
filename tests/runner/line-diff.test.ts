import { describe, expect, test } from "vitest";
import {
  changedLines,
  DIFF_MAX_LINES,
  formatLineDiff,
  limitDiff,
  lineDiff,
  splitLines,
} from "../../src/runner/line-diff";

describe("lineDiff", () => {
  test("equal texts are all context", () => {
    expect(lineDiff("a\nb", "a\nb")).toEqual([
      { op: " ", text: "a" },
      { op: " ", text: "b" },
    ]);
  });

  test("a changed line shows the expected line, then the printed one", () => {
    const diff = lineDiff("kernel v6.5\n-34\nend", "kernel v6.5\n0\nend");
    expect(diff).toEqual([
      { op: " ", text: "kernel v6.5" },
      { op: "-", text: "-34" },
      { op: "+", text: "0" },
      { op: " ", text: "end" },
    ]);
    expect(changedLines(diff)).toBe(2);
  });

  test("missing and extra lines, and empty sides", () => {
    expect(lineDiff("a\nb\nc", "a\nc\nd")).toEqual([
      { op: " ", text: "a" },
      { op: "-", text: "b" },
      { op: " ", text: "c" },
      { op: "+", text: "d" },
    ]);
    expect(lineDiff("", "x")).toEqual([{ op: "+", text: "x" }]);
    expect(lineDiff("x", "")).toEqual([{ op: "-", text: "x" }]);
    expect(lineDiff("", "")).toEqual([]);
  });

  test("keeps every line of both sides, in order, and changes only what must change", () => {
    const expected = "1\n2\n3\n4\n5\n6";
    const actual = "0\n1\n3\n4\nfour\n6\n7";
    const diff = lineDiff(expected, actual);
    expect(diff.filter((d) => d.op !== "+").map((d) => d.text)).toEqual(splitLines(expected));
    expect(diff.filter((d) => d.op !== "-").map((d) => d.text)).toEqual(splitLines(actual));
    // 1, 3, 4, 6 are common; 2 and 5 go, 0, four and 7 come
    expect(changedLines(diff)).toBe(5);
  });

  test("splitLines", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a\r\nb")).toEqual(["a", "b"]);
  });
});

describe("formatLineDiff", () => {
  test("prefixes each line with its op", () => {
    expect(formatLineDiff(lineDiff("first line\n0", "first line\n-34"))).toBe(" first line\n-0\n+-34");
  });

  test("collapses unchanged lines far from a change", () => {
    const expected = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join("\n");
    const actual = expected.replace("line 7", "line seven");
    expect(formatLineDiff(lineDiff(expected, actual), 2).split("\n")).toEqual([
      "@@ 4 unchanged lines @@",
      " line 5",
      " line 6",
      "-line 7",
      "+line seven",
      " line 8",
      " line 9",
      "@@ 3 unchanged lines @@",
    ]);
  });

  test("one unchanged line is named in the singular", () => {
    expect(formatLineDiff(lineDiff("a\nb\nc", "a\nb\nC"), 1)).toBe("@@ 1 unchanged line @@\n b\n-c\n+C");
  });

  test("a long diff is cut at DIFF_MAX_LINES lines, with a count of the rest", () => {
    const actual = Array.from({ length: 500 }, (_, i) => `printed ${i}`).join("\n");
    const text = formatLineDiff(lineDiff("expected", actual)).split("\n");
    expect(text).toHaveLength(DIFF_MAX_LINES + 1);
    expect(text[DIFF_MAX_LINES]).toBe("… 301 more lines of difference are not shown.");
    expect(limitDiff(lineDiff("a", "b"))).toEqual({ shown: lineDiff("a", "b"), hidden: 0 });
  });
});
