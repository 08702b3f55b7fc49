/**
 * The project's real import graph, read with real parsers (no regular expressions):
 * - `.ts`: TypeScript's `preProcessFile` (static, dynamic and type imports, re-exports,
 *   `/// <reference>` directives) plus its AST for `new URL("./x", import.meta.url)`,
 *   which is how the page starts the snippet worker;
 * - `.astro`: Astro's own compiler (@astrojs/compiler-rs). The frontmatter runs at build
 *   time in Node; each `<script>` is bundled for the browser, so it is a browser entry;
 * - `.mdx`: remark-mdx, for the ESM (`import` lines) of a page.
 * Specifiers resolve like Vite and tsconfig do: relative paths with TypeScript's
 * extensions, the `paths` aliases of tsconfig.json, Node builtins, packages.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { parse as parseAstro } from "@astrojs/compiler-rs";
import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import ts from "typescript";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/** What a specifier names. */
export type Resolution = "file" | "builtin" | "package" | "virtual" | "reference" | "unresolved";

export interface Import {
  /** Repository path of the file, with the line of the specifier. */
  file: string;
  line: number;
  spec: string;
  resolution: Resolution;
  /** Repository path of the imported file, when `resolution` is "file". */
  target?: string;
}

/** A piece of code with its own imports: a .ts module, an .astro frontmatter or `<script>`, an MDX page's ESM. */
export interface Unit {
  /** The file path for a module, frontmatter or page; `<file> <script #n>` for a component script. */
  id: string;
  file: string;
  /** "browser" for a component `<script>`; what it reaches is decided by the graph. */
  entry: "module" | "browser";
  imports: Import[];
}

export interface Graph {
  units: Map<string, Unit>;
  /** The unit that importing `file` executes (a module, or an .astro component's frontmatter). */
  moduleOf(file: string): Unit | undefined;
}

const posix = (p: string) => p.split(sep).join("/");

function lineAt(code: string, pos: number): number {
  let line = 1;
  for (let i = 0; i < pos && i < code.length; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}

/** Every import specifier in TypeScript/JavaScript code, with its 1-based line. */
export function scanCode(code: string, fileName = "code.ts"): { spec: string; line: number; reference?: true }[] {
  const info = ts.preProcessFile(code, true, true);
  const found: { spec: string; line: number; reference?: true }[] = info.importedFiles.map((f) => ({
    spec: f.fileName,
    line: lineAt(code, f.pos),
  }));
  // `/// <reference path|types|lib="..." />`, spelled out, since they bring in types as imports do.
  const references = [
    ["path", info.referencedFiles],
    ["types", info.typeReferenceDirectives],
    ["lib", info.libReferenceDirectives],
  ] as const;
  for (const [kind, refs] of references) {
    for (const r of refs) found.push({ spec: `${kind}="${r.fileName}"`, line: lineAt(code, r.pos), reference: true });
  }
  // Only code that mentions import.meta.url can hold a `new URL(..., import.meta.url)`; the AST decides.
  if (code.includes("import.meta.url")) {
    const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const walk = (node: ts.Node): void => {
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "URL" &&
        node.arguments?.length === 2 &&
        ts.isStringLiteralLike(node.arguments[0]!) &&
        node.arguments[1]!.getText(source) === "import.meta.url"
      ) {
        found.push({ spec: node.arguments[0].text, line: lineAt(code, node.arguments[0].getStart(source)) });
      }
      ts.forEachChild(node, walk);
    };
    walk(source);
  }
  return found.sort((a, b) => a.line - b.line);
}

/** The code of an .astro component: its frontmatter (build time) and each `<script>` (browser). */
export function astroParts(
  text: string,
  file: string,
): { part: "frontmatter" | "script"; code: string; line: number }[] {
  const { ast, diagnostics } = parseAstro(text);
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${file}: the Astro compiler cannot parse it: ${errors[0]!.text}`);
  const parts: { part: "frontmatter" | "script"; code: string; line: number }[] = [];
  const slice = (part: "frontmatter" | "script", program: { start: number; end: number }) =>
    parts.push({ part, code: text.slice(program.start, program.end), line: lineAt(text, program.start) });
  if (ast.frontmatter?.program) slice("frontmatter", ast.frontmatter.program);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if (n.type === "AstroScript") slice("script", n.program as { start: number; end: number });
    for (const v of Object.values(n)) if (v && typeof v === "object") walk(v);
  };
  walk(ast.body);
  return parts;
}

/** The ESM blocks (`import ...`) of an MDX page, with their first line. */
export function mdxEsm(text: string): { code: string; line: number }[] {
  const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkMdx).parse(text) as Root;
  const blocks: { code: string; line: number }[] = [];
  visit(tree, "mdxjsEsm", (node) => {
    blocks.push({ code: node.value, line: node.position?.start.line ?? 1 });
  });
  return blocks;
}

const BUILTINS = new Set(builtinModules);
const EXTENSIONS = ["", ".ts", ".mts", ".tsx", ".astro", ".js", ".mjs", ".json", "/index.ts"];

/** The tsconfig `paths` aliases, as prefix -> repository path prefix ("msi-lifecycle" -> "src/model/index.ts"). */
function tsconfigAliases(root: string): [string, string][] {
  const config = ts.readConfigFile(join(root, "tsconfig.json"), ts.sys.readFile).config as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  return Object.entries(config.compilerOptions?.paths ?? {}).map(([from, [to]]) => [
    from.replace(/\*$/, ""),
    posix(to!.replace(/^\.\//, "").replace(/\*$/, "")),
  ]);
}

function resolver(root: string) {
  const aliases = tsconfigAliases(root);
  const asFile = (path: string): string | undefined => {
    const bases = [path, path.replace(/\.m?js$/, "")];
    for (const base of bases) {
      for (const ext of EXTENSIONS) {
        const p = base + ext;
        if (existsSync(join(root, p)) && statSync(join(root, p)).isFile()) return posix(p);
      }
    }
    return undefined;
  };
  return (from: string, rawSpec: string, reference: boolean): Pick<Import, "resolution" | "target"> => {
    if (reference) return { resolution: "reference" };
    const spec = rawSpec.replace(/\?.*$/, "");
    if (spec.startsWith("node:") || BUILTINS.has(spec.split("/")[0]!)) return { resolution: "builtin" };
    if (spec.startsWith("astro:") || spec.startsWith("virtual:")) return { resolution: "virtual" };
    let path: string | undefined;
    if (spec.startsWith("./") || spec.startsWith("../")) path = posix(join(dirname(from), spec));
    else if (spec.startsWith("/")) path = spec.slice(1);
    else {
      const alias = aliases.find(([prefix]) => (prefix.endsWith("/") ? spec.startsWith(prefix) : spec === prefix));
      if (!alias) return { resolution: "package" };
      path = alias[1] + spec.slice(alias[0].length);
    }
    const target = asFile(path);
    return target ? { resolution: "file", target } : { resolution: "unresolved" };
  };
}

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|astro|mdx)$/.test(e.name))
    .map((e) => posix(relative(root, join(e.parentPath, e.name))))
    .sort();
}

/** Reads the import graph of every .ts, .astro and .mdx file under `dirs`. */
export function readGraph(root: string, dirs: string[]): Graph {
  const resolve = resolver(root);
  const units = new Map<string, Unit>();
  const add = (id: string, file: string, entry: Unit["entry"], code: string, firstLine: number) => {
    const imports = scanCode(code, file).map((s) => ({
      file,
      line: s.line + firstLine - 1,
      spec: s.spec,
      ...resolve(file, s.spec, s.reference === true),
    }));
    const unit = units.get(id);
    if (unit) unit.imports.push(...imports);
    else units.set(id, { id, file, entry, imports });
  };
  for (const file of dirs.flatMap((d) => filesUnder(root, d))) {
    const text = readFileSync(join(root, file), "utf8");
    if (file.endsWith(".ts")) add(file, file, "module", text, 1);
    else if (file.endsWith(".mdx")) {
      units.set(file, { id: file, file, entry: "module", imports: [] });
      for (const block of mdxEsm(text)) add(file, file, "module", block.code, block.line);
    } else {
      units.set(file, { id: file, file, entry: "module", imports: [] });
      let n = 0;
      for (const part of astroParts(text, file)) {
        if (part.part === "frontmatter") add(file, file, "module", part.code, part.line);
        else add(`${file} <script #${++n}>`, file, "browser", part.code, part.line);
      }
    }
  }
  return { units, moduleOf: (file) => units.get(file) };
}

/**
 * Every unit a browser entry loads, breadth first, each with the chain of unit ids
 * from the entry that reaches it (for messages). Files for which `stop` holds are
 * not entered (the import that reaches them is the finding).
 */
export function reachable(
  graph: Graph,
  entry: Unit,
  stop: (file: string) => boolean,
): { unit: Unit; chain: string[] }[] {
  const seen = new Map<string, string[]>([[entry.id, [entry.id]]]);
  const queue: Unit[] = [entry];
  const out: { unit: Unit; chain: string[] }[] = [];
  while (queue.length > 0) {
    const unit = queue.shift()!;
    const chain = seen.get(unit.id)!;
    out.push({ unit, chain });
    for (const imp of unit.imports) {
      const next = imp.target && !stop(imp.target) ? graph.moduleOf(imp.target) : undefined;
      if (next && !seen.has(next.id)) {
        seen.set(next.id, [...chain, next.id]);
        queue.push(next);
      }
    }
  }
  return out;
}
