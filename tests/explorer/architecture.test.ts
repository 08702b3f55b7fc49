/**
 * The explorer drives the model through its public entry only: src/explorer imports nothing but
 * "msi-lifecycle" and its own files. Its command line and the docs measurement live in the Node
 * edge (src/node/explorer/). Imports are read with the TypeScript parser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const dir = join(import.meta.dirname, "..", "..", "src", "explorer");

function imports(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(join(dir, file), "utf8"), ts.ScriptTarget.Latest);
  return src.statements.flatMap((s) =>
    (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier
      ? [(s.moduleSpecifier as ts.StringLiteral).text]
      : [],
  );
}

test("src/explorer imports only msi-lifecycle and itself", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
  expect(files.length).toBeGreaterThan(5);
  const bad = files.flatMap((f) =>
    imports(f)
      .filter((s) => s !== "msi-lifecycle" && !/^\.\/[\w-]+$/.test(s))
      .map((s) => `${f}: ${s}`),
  );
  expect(bad).toEqual([]);
});
