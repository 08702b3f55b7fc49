import { describe, expect, test } from "vitest";
import { lineDiff, splitLines } from "../../src/runner/client/diff";

describe("lineDiff", () => {
  test("equal texts are all context", () => {
    expect(lineDiff("a\nb", "a\nb")).toEqual([
      { op: " ", text: "a" },
      { op: " ", text: "b" },
    ]);
  });
  test("a changed line shows expected then actual", () => {
    expect(lineDiff("kernel v6.5\n-34\nend", "kernel v6.5\n0\nend")).toEqual([
      { op: " ", text: "kernel v6.5" },
      { op: "-", text: "-34" },
      { op: "+", text: "0" },
      { op: " ", text: "end" },
    ]);
  });
  test("missing and extra lines", () => {
    expect(lineDiff("a\nb\nc", "a\nc\nd")).toEqual([
      { op: " ", text: "a" },
      { op: "-", text: "b" },
      { op: " ", text: "c" },
      { op: "+", text: "d" },
    ]);
    expect(lineDiff("", "x")).toEqual([{ op: "+", text: "x" }]);
    expect(lineDiff("x", "")).toEqual([{ op: "-", text: "x" }]);
  });
  test("splitLines", () => {
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a\r\nb")).toEqual(["a", "b"]);
  });
});
