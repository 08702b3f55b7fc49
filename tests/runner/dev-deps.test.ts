/**
 * In `astro dev`, Vite optimises the packages it finds by scanning the pages, but
 * it does not look inside workers: a package only the snippet worker imports is
 * found on the first edited Run, and Vite then re-optimises and reloads the page,
 * losing the reader's edit (issue 15). astro.config.mjs declares them ahead in
 * `vite.optimizeDeps.include`; this test follows the worker's real import graph
 * (static and dynamic imports, read with the TypeScript parser) and checks that
 * every package it reaches is declared there. Checked by hand too, against a fresh
 * `npm run dev` in Chromium (see the report of issue 15).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..", "..");

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

/** The module specifiers a file imports (static, re-exports and `import("...")`), type-only imports left out. */
function imports(file: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
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
  visit(parse(file));
  return found;
}

/** The packages (by import specifier) reachable from `entry` through relative imports. */
function packagesReachedFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of imports(file)) {
      if (spec.startsWith(".")) {
        const base = resolve(dirname(file), spec);
        const target = [base, `${base}.ts`, join(base, "index.ts")].find((f) => existsSync(f) && f.endsWith(".ts"));
        if (target) walk(target);
      } else if (spec === "msi-lifecycle") walk(join(root, "src/model/index.ts"));
      else packages.add(spec);
    }
  };
  walk(entry);
  return packages;
}

/** `vite.optimizeDeps.include` of astro.config.mjs, read from its syntax tree. */
function declaredInclude(): string[] {
  let include: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === "include" &&
      ts.isObjectLiteralExpression(node.parent) &&
      ts.isPropertyAssignment(node.parent.parent) &&
      node.parent.parent.name.getText() === "optimizeDeps" &&
      ts.isArrayLiteralExpression(node.initializer)
    ) {
      include = node.initializer.elements.filter(ts.isStringLiteral).map((e) => e.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(join(root, "astro.config.mjs")));
  return include;
}

test("every package the snippet worker imports is pre-declared for Vite's dev optimiser", () => {
  const reached = [...packagesReachedFrom(join(root, "src/runner/worker.ts"))].sort();
  expect(reached).toContain("sucrase");
  expect(reached).toContain("acorn");
  const declared = new Set(declaredInclude());
  expect(reached.filter((p) => !declared.has(p))).toEqual([]);
});
