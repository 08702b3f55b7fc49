/**
 * compileSnippet(): sucrase, then acorn's check (check-js.ts). Top-level await
 * compiles; syntax errors only V8 would find come back with their line and
 * column; a dynamic import() is refused before anything runs.
 */
import { describe, expect, test } from "vitest";
import { compileSnippet } from "../../src/runner/compile";

const error = (code: string) => {
  const r = compileSnippet(code);
  return r.ok ? undefined : r.error;
};

describe("compileSnippet", () => {
  test("a top-level await compiles (the wrapper is an async function) and lines stay where they were", () => {
    const r = compileSnippet(
      `import { KERNEL } from "msi-lifecycle";\nconst x: number = await Promise.resolve(1);\nconsole.log(x);\n`,
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.js.startsWith("(async function (")).toBe(true);
      expect(r.js.split("\n")[1]).toContain("await Promise.resolve(1)");
    }
  });

  test("syntax errors sucrase lets through come back with their line and column", () => {
    expect(error("let a = 1;\nlet a = 2;\n")).toEqual({
      kind: "syntax",
      message: "SyntaxError: Identifier 'a' has already been declared",
      line: 2,
      column: 5,
    });
    expect(error("function f() {\n  await 1;\n}\n")).toMatchObject({ kind: "syntax", line: 2, column: 9 });
  });

  test("syntax errors sucrase finds keep their position", () => {
    expect(error("const a: number = 1;\nconsole.log(a +);\n")).toMatchObject({ kind: "syntax", line: 2, column: 16 });
  });

  test("a dynamic import() is refused with its position, whatever it imports", () => {
    for (const target of ['"https://example.org/x.js"', '"msi-lifecycle"', "url"]) {
      expect(error(`const url = "x";\nconst m = await import(${target});\n`), target).toEqual({
        kind: "syntax",
        message: 'Error: import() is blocked: a snippet imports only "msi-lifecycle", with a static import at the top',
        line: 2,
        column: 17,
      });
    }
    // Deeper in the tree too, and after type annotations that sucrase removes.
    expect(
      error(`const f = async (u: string): Promise<unknown> => {\n  if (u) { return [await import(u)]; }\n};\n`),
    ).toMatchObject({
      line: 2,
      column: 26,
    });
  });

  test("the words import and import.meta in strings or comments are not refused", () => {
    expect(compileSnippet(`// import("x")\nconsole.log("import(x)");\n`).ok).toBe(true);
  });
});
