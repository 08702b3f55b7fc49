/**
 * Dependencies point one way (README.md, "Layout"): `docs -> src/runner -> src/model`; snippets
 * import only the model's public entry (`msi-lifecycle`); the model imports nothing
 * outside src/model; nothing in src/ but the Node edge (src/node) touches Node, and the
 * runner never imports the Node edge; nothing the browser loads reaches `node:*` or
 * src/node. The graph is read with real parsers (tests/import-graph.ts), .astro
 * components included: their frontmatter runs at build time, each `<script>` in the browser.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { astroParts, type Import, mdxEsm, reachable, readGraph, scanCode } from "./import-graph";

const root = join(import.meta.dirname, "..");
const graph = readGraph(root, ["src", "snippets", "docs"]);
const units = [...graph.units.values()];
const importsOf = (folder: string): Import[] =>
  units.filter((u) => u.file.startsWith(folder)).flatMap((u) => u.imports);
const show = (i: Import, why: string) =>
  i.resolution === "reference"
    ? `${i.file}:${i.line} has /// <reference ${i.spec} />: ${why}`
    : `${i.file}:${i.line} imports "${i.spec}": ${why}`;

const MODEL = "src/model/";
const NODE_EDGE = "src/node/";
/** The worker entry may say it runs in a worker; no other `/// <reference>` (types="node", lib="dom") in src/. */
const PURE_REFERENCES = ['lib="webworker"'];
const isAstro = (spec: string) => spec === "astro" || spec.startsWith("astro/") || spec.startsWith("@astrojs/");

describe("the import graph is read completely", () => {
  test("the scanner sees every form of import", () => {
    const code = [
      `/// <reference types="node" />`,
      `import a from "./double";`,
      `import b from './single';`,
      `import type { C } from "./type-only";`,
      `export * from "./re-export";`,
      `const d = await import("./dynamic");`,
      `type E = typeof import("./import-type");`,
      `const w = new Worker(new URL("./worker.ts", import.meta.url));`,
      `// import "./in-a-comment";`,
    ].join("\n");
    expect(scanCode(code).map((s) => `${s.line}:${s.spec}`)).toEqual([
      '1:types="node"',
      "2:./double",
      "3:./single",
      "4:./type-only",
      "5:./re-export",
      "6:./dynamic",
      "7:./import-type",
      "8:./worker.ts",
    ]);
  });

  test("an .astro component has a build-time frontmatter and browser scripts", () => {
    const astro = `---\n// “a” comment\nimport X from "./x";\n---\n<p>ü</p>\n<script>\nimport "./client";\n</script>\n<script is:inline>console.log(1)</script>\n`;
    expect(astroParts(astro, "X.astro").map((p) => `${p.part}@${p.line}: ${p.code.trim()}`)).toEqual([
      `frontmatter@3: import X from "./x";`,
      `script@7: import "./client";`,
      `script@9: console.log(1)`,
    ]);
    expect(mdxEsm(`---\ntitle: t\n---\nimport S from "@components/S.astro";\n\n# Hi\n`)).toEqual([
      { code: `import S from "@components/S.astro";`, line: 4 },
    ]);
  });

  test("every relative and aliased import resolves to a file, and the graph is not empty", () => {
    const all = units.flatMap((u) => u.imports);
    expect(all.filter((i) => i.resolution === "unresolved").map((i) => show(i, "no such file"))).toEqual([]);
    expect(importsOf(MODEL).length).toBeGreaterThan(50);
    expect(importsOf("snippets/").length).toBeGreaterThan(20);
    expect(units.filter((u) => u.entry === "browser").length).toBeGreaterThan(0);
    expect(importsOf("docs/components/").some((i) => i.file.endsWith(".astro"))).toBe(true);
  });
});

describe("architecture", () => {
  test("the model imports nothing outside src/model", () => {
    const bad = importsOf(MODEL)
      .filter((i) => !i.target?.startsWith(MODEL))
      .map((i) => show(i, "the model imports only from src/model (it runs unchanged in Node and in the worker)"));
    expect(bad).toEqual([]);
  });

  test("snippets import only the model's public entry, msi-lifecycle", () => {
    const bad = importsOf("snippets/")
      .filter((i) => i.spec !== "msi-lifecycle")
      .map((i) => show(i, 'a snippet imports only from "msi-lifecycle", the public API it documents'));
    expect(bad).toEqual([]);
  });

  test("the pages and components reach the model only through msi-lifecycle", () => {
    const bad = importsOf("docs/")
      .filter((i) => i.target?.startsWith(MODEL) && i.spec !== "msi-lifecycle")
      .map((i) => show(i, 'docs go through the runner, or the public entry "msi-lifecycle", never model internals'));
    expect(bad).toEqual([]);
  });

  test("the runner never imports the Node edge, Node, the site or Astro", () => {
    const bad = importsOf("src/runner/")
      .filter(
        (i) =>
          i.resolution === "builtin" ||
          i.target?.startsWith(NODE_EDGE) ||
          i.target?.startsWith("docs/") ||
          isAstro(i.spec),
      )
      .map((i) => show(i, "the runner runs in the browser worker: no Node, no src/node, no docs, no Astro"));
    expect(bad).toEqual([]);
  });

  test("in src/, only the Node edge (src/node) touches Node; nothing in src/ imports the site or Astro", () => {
    const bad = importsOf("src/")
      .filter((i) => !i.file.startsWith(NODE_EDGE))
      .filter(
        (i) =>
          i.resolution === "builtin" ||
          (i.resolution === "reference" && !PURE_REFERENCES.includes(i.spec)) ||
          i.target?.startsWith(NODE_EDGE) ||
          i.target?.startsWith("docs/") ||
          isAstro(i.spec),
      )
      .map((i) =>
        show(
          i,
          "only src/node may use node:*, Node or DOM type references, or the Node edge; src/ knows nothing of docs/ or Astro",
        ),
      );
    expect(bad).toEqual([]);
  });

  test("nothing the browser loads reaches node:* or the Node edge", () => {
    const entries = units.filter((u) => u.entry === "browser");
    const loaded = new Set<string>();
    const bad = new Map<string, string>(); // one finding per import, with the first chain that loads it
    for (const entry of entries) {
      for (const { unit, chain } of reachable(graph, entry, (file) => file.startsWith(NODE_EDGE))) {
        loaded.add(unit.id);
        for (const i of unit.imports) {
          const key = `${i.file}:${i.line}:${i.spec}`;
          if ((i.resolution === "builtin" || i.target?.startsWith(NODE_EDGE)) && !bad.has(key)) {
            bad.set(key, show(i, `loaded in the browser through ${chain.join(" -> ")}`));
          }
        }
      }
    }
    // The walk really reaches the worker and the model behind it.
    expect([...loaded].some((id) => id.startsWith("src/runner/"))).toBe(true);
    expect(loaded.has("src/model/index.ts")).toBe(true);
    expect([...bad.values()]).toEqual([]);
  });
});
