/**
 * Reads the model's sources with the TypeScript parser and lists, for every file,
 * the kernel source it mirrors and every exported function that stands for a
 * kernel function, with the `@kernel` citation of its doc comment. The reference
 * page renders this at build time, so the map cannot drift from the code. Node-only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface MappedFunction {
  name: string;
  /** First sentence of the doc comment, without the leading "name - ". */
  summary: string;
  /** The `@kernel` tag: upstream file, versions and source keys. Empty when missing. */
  kernel: string;
  line: number;
}

export interface MappedFile {
  /** Path relative to the repository root, e.g. "src/model/kernel/irq/msi.ts". */
  file: string;
  /** The file-level `@kernel` tag, or "" for our own scaffolding. */
  kernel: string;
  functions: MappedFunction[];
}

/** Kernel functions are spelled in snake_case (possibly with leading underscores); ours are camelCase. */
export const isKernelName = (name: string) => /^_*[a-z0-9]+(_[a-z0-9]+)+$/.test(name) || /^__[a-z0-9_]+$/.test(name);

function tagText(tag: ts.JSDocTag): string {
  const c = tag.comment;
  const text = typeof c === "string" ? c : (c ?? []).map((p) => p.text).join("");
  return text.replace(/\s+/g, " ").trim();
}

function docOf(node: ts.Node): { summary: string; kernel: string } {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const doc = docs[docs.length - 1];
  if (!doc) return { summary: "", kernel: "" };
  const comment = typeof doc.comment === "string" ? doc.comment : (doc.comment ?? []).map((p) => p.text).join("");
  const kernel = (doc.tags ?? [])
    .filter((t) => t.tagName.text === "kernel")
    .map(tagText)
    .join("; ");
  const firstSentence =
    comment
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^[\w]+ - /, "")
      .split(/(?<=\.)\s/)[0] ?? "";
  return { summary: firstSentence, kernel };
}

/**
 * Whether a model file belongs to a section of the map page: `sections` are folders relative to
 * src/model ("drivers/pci"), and "." stands for the files directly in src/model.
 */
export function inSection(file: string, sections: readonly string[], modelDir = "src/model"): boolean {
  const rel = file.startsWith(`${modelDir}/`) ? file.slice(modelDir.length + 1) : file;
  return sections.some((s) => (s === "." ? !rel.includes("/") : rel.startsWith(`${s}/`)));
}

/** Builds the map for every .ts file under `modelDir` (relative to `root`). */
export function kernelMap(root: string, modelDir = "src/model"): MappedFile[] {
  const entries = readdirSync(join(root, modelDir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
  return entries.map((file) => {
    const text = readFileSync(join(root, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const first = source.statements[0];
    const fileDoc = first ? docOf(first) : { kernel: "" };
    const functions: MappedFunction[] = [];
    for (const st of source.statements) {
      if (!ts.isFunctionDeclaration(st) || !st.name) continue;
      if (!st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (!isKernelName(st.name.text)) continue;
      const { summary, kernel } = docOf(st);
      functions.push({
        name: st.name.text,
        summary,
        kernel,
        line: source.getLineAndCharacterOfPosition(st.getStart()).line + 1,
      });
    }
    return { file, kernel: fileDoc.kernel, functions };
  });
}
