/**
 * Dependencies point one way (README.md, "Layout"): snippets import only the model's public
 * entry; the model imports nothing outside src/model and nothing from Node, so it
 * runs unchanged in a Web Worker; the runner knows nothing of Astro or Node.
 * Imports are read with the TypeScript parser, not with regular expressions.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

function imports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(root, file), "utf8"), ts.ScriptTarget.Latest);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function outside(file: string, spec: string, folder: string): boolean {
  if (!spec.startsWith(".")) return true;
  return !resolve(root, dirname(file), spec).startsWith(join(root, folder));
}

describe("architecture", () => {
  test("snippets import only from msi-lifecycle", () => {
    const bad = files("snippets").flatMap((f) =>
      imports(f)
        .filter((s) => s !== "msi-lifecycle")
        .map((s) => `${f}: ${s}`),
    );
    expect(bad).toEqual([]);
  });

  test("the model imports nothing outside src/model (no Node, no DOM libraries)", () => {
    const model = files("src/model");
    expect(model.length).toBeGreaterThan(10);
    const bad = model.flatMap((f) =>
      imports(f)
        .filter((s) => outside(f, s, "src/model"))
        .map((s) => `${f}: ${s}`),
    );
    expect(bad).toEqual([]);
  });

  test("the runner is browser-safe: no node:* and no astro imports", () => {
    const bad = files("src/runner").flatMap((f) =>
      imports(f)
        .filter((s) => s.startsWith("node:") || s.startsWith("astro"))
        .map((s) => `${f}: ${s}`),
    );
    expect(bad).toEqual([]);
  });
});
