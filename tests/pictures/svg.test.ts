/** The text layout the drawings share: wrapped calls keep their text, in order, within the width. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type TextLine, wrapCall } from "../../src/pictures";

/** The text of the lines joined back, without the breaks. */
function joined(lines: TextLine[]): string {
  return lines
    .map((l) => l.text + l.ret)
    .join(" ")
    .replace(/\s+/g, " ");
}

describe("wrapCall", () => {
  test("a call that fits stays on one line", () => {
    expect(wrapCall("close(fd=10)", " = 0", 40, 2)).toEqual([{ text: "close(fd=10)", ret: " = 0", more: false }]);
  });

  test("breaks after the call's '(' and after ', ', and puts the return value last", () => {
    const lines = wrapCall("vfio_msi_set_block(start=8, count=1)", " = -34 ERANGE", 30, 3);
    expect(lines).toEqual([
      { text: "vfio_msi_set_block(start=8,", ret: "", more: false },
      { text: "count=1)", ret: " = -34 ERANGE", more: true },
    ]);
  });

  test("prose in parentheses breaks before the '(', not after it", () => {
    const head = "Steps 4–11 · 8 × vfio_msix_vector_do_use(…), each = 0 (state after the last)";
    expect(wrapCall(head, "", 60, 2).map((l) => l.text)).toEqual([
      "Steps 4–11 · 8 × vfio_msix_vector_do_use(…), each = 0",
      "(state after the last)",
    ]);
  });

  test("lines never exceed the width, and nothing is lost when the lines suffice", () => {
    const arg = fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), fc.stringMatching(/^[A-Za-z0-9_]{1,24}$/));
    const call = fc
      .tuple(fc.stringMatching(/^[a-z_]{1,30}$/), fc.array(arg, { maxLength: 5 }))
      .map(([fn, args]) => `${fn}(${args.map(([k, v]) => `${k}=${v}`).join(", ")})`);
    fc.assert(
      fc.property(
        call,
        fc.constantFrom("", " = 0", " = -34 ERANGE"),
        fc.integer({ min: 16, max: 70 }),
        (c, ret, width) => {
          const lines = wrapCall(c, ret, width, 8);
          for (const [k, l] of lines.entries()) {
            expect((l.text + l.ret).length).toBeLessThanOrEqual(k === 0 ? width : width - 2);
            expect(l.more).toBe(k > 0);
          }
          expect(lines.filter((l) => l.ret !== "").length).toBe(ret === "" ? 0 : 1);
          if (!lines.some((l) => l.text.includes("…")))
            expect(joined(lines).replace(/ /g, "")).toBe((c + ret).replace(/ /g, ""));
        },
      ),
      { seed: 13, numRuns: 400 },
    );
  });

  test("more than the lines allow is clipped with an ellipsis, the return value kept", () => {
    const lines = wrapCall("f(aaaa=1, bbbb=2, cccc=3, dddd=4, eeee=5, ffff=6)", " = -22 EINVAL", 20, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1].text).toMatch(/…$/);
    expect(lines[1].ret).toBe(" = -22 EINVAL");
  });
});
