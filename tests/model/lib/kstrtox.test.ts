import { describe, expect, test } from "vitest";
import { kstrtoint } from "../../../src/model/lib/kstrtox";

describe("kstrtoint", () => {
  test("parses base 0 with one trailing newline", () => {
    const r = { value: 0 };
    expect(kstrtoint("0x40\n", 0, r)).toBe(0);
    expect(r.value).toBe(64);
    expect(kstrtoint("010", 0, r)).toBe(0);
    expect(r.value).toBe(8);
    expect(kstrtoint("1 2", 0, r)).toBe(-22);
    expect(kstrtoint("4294967296", 0, r)).toBe(-34);
  });
});
