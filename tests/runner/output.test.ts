import { describe, expect, test } from "vitest";
import { droppedNote, OUTPUT_LIMITS, OutputCollector, utf8Length } from "../../src/runner/output";

describe("OutputCollector", () => {
  test("keeps what fits, in order; multi-line entries count as their lines", () => {
    const out = new OutputCollector({ lines: 4, bytes: 1000 });
    out.console.log("one");
    out.console.log("two\nthree");
    out.console.info({ a: 1 });
    expect(out.text).toBe("one\ntwo\nthree\n{ a: 1 }");
    expect(out.dropped).toBe(0);
    out.console.warn("five", "\nsix");
    expect(out.text).toBe("one\ntwo\nthree\n{ a: 1 }");
    expect(out.dropped).toBe(2);
  });

  test("counts every line it drops once it is full, without keeping them", () => {
    const out = new OutputCollector();
    for (let i = 0; i < 100_000; i++) out.console.log("line", i);
    expect(out.text.split("\n")).toHaveLength(OUTPUT_LIMITS.lines);
    expect(out.text.startsWith("line 0\nline 1\n")).toBe(true);
    expect(out.dropped).toBe(100_000 - OUTPUT_LIMITS.lines);
    out.console.log("a\nb\nc", { x: "y" });
    expect(out.dropped).toBe(100_000 - OUTPUT_LIMITS.lines + 3);
  });

  test("caps bytes (UTF-8): a line past the cap is cut and counted", () => {
    const out = new OutputCollector({ lines: 100, bytes: 10 });
    out.console.log("abcd"); // 4 bytes
    out.console.log("é".repeat(10)); // 20 bytes: 5 fit after the newline
    expect(out.text).toBe(`abcd\n${"é".repeat(2)}`);
    expect(utf8Length(out.text)).toBeLessThanOrEqual(10);
    expect(out.dropped).toBe(1);
    out.console.log("more");
    expect(out.dropped).toBe(2);
  });

  test("after close() nothing is kept or counted (untracked async work after the run)", () => {
    const out = new OutputCollector();
    out.console.log("in time");
    out.close();
    out.console.log("late");
    expect(out.text).toBe("in time");
    expect(out.dropped).toBe(0);
  });

  test("utf8Length agrees with TextEncoder", () => {
    for (const s of ["", "ascii", "é", "€", "😀", "a😀é€\n"]) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });

  test("droppedNote says how many lines and what the cap is", () => {
    expect(droppedNote(99_000)).toBe(
      "99,000 more lines were not kept: a run keeps at most 1,000 lines and 64 KB of output.",
    );
    expect(droppedNote(1)).toMatch(/^1 more line was not kept/);
  });
});
