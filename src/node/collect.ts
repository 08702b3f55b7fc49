/**
 * Collects the literate tests of a docs tree: every snippet each page embeds,
 * with its page line, file and profiles, plus every problem that must fail the
 * suite (a missing snippet, an orphan snippet, a malformed snippet file, an
 * untested runnable-looking code block, an unknown profile). Node-only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { KERNEL_PROFILES } from "msi-lifecycle";
import { resolvePictureProfiles } from "../pictures/kinds";
import { type ParsedSnippet, parseSnippet, SnippetFormatError } from "../snippet/file";
import { type PictureEmbed, scanPage } from "./mdx";

export interface DocsLayout {
  /** Repository root; every path in a message is relative to it. */
  root: string;
  /** Folder of the MDX pages, relative to root (e.g. "docs/content/docs"). */
  pagesDir: string;
  /** Folder of the snippet files, relative to root (e.g. "snippets"). */
  snippetsDir: string;
}

export interface SnippetCase {
  /** Page path relative to root, e.g. "docs/content/docs/the-bug.mdx". */
  page: string;
  /** 1-based line of the <Snippet> element in the page. */
  pageLine: number;
  /** Snippet name as embedded, e.g. "the-bug/step-by-step/dynamic-path". */
  src: string;
  /** Snippet file relative to root. */
  file: string;
  snippet: ParsedSnippet;
}

export interface Problem {
  /** "path:line" of what is wrong. */
  where: string;
  message: string;
}

/** A picture a page draws from a snippet's run (checked like an embed, drawn by tests/pictures). */
export interface PictureCase extends PictureEmbed {
  page: string;
  /** The profiles it draws: the named ones, or the snippet's first declared ones. */
  profiles: string[];
  file: string;
  snippet: ParsedSnippet;
}

export interface DocsCollection {
  cases: SnippetCase[];
  pictures: PictureCase[];
  problems: Problem[];
}

const posix = (p: string) => p.split(sep).join("/");

function walk(dir: string, ext: string): string[] {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : []))
    .sort();
}

/** Reads every page and snippet under the layout and pairs them up. */
export function collectDocs(layout: DocsLayout): DocsCollection {
  const { root } = layout;
  const cases: SnippetCase[] = [];
  const pictures: PictureCase[] = [];
  const problems: Problem[] = [];
  const snippetFiles = walk(join(root, layout.snippetsDir), ".ts").map((f) => posix(relative(root, f)));
  const parsed = new Map<string, ParsedSnippet | null>();
  const profiles = new Set<string>(KERNEL_PROFILES);

  const load = (file: string): ParsedSnippet | null => {
    if (parsed.has(file)) return parsed.get(file) ?? null;
    let result: ParsedSnippet | null = null;
    try {
      result = parseSnippet(readFileSync(join(root, file), "utf8"));
      for (const o of result.outputs) {
        if (!profiles.has(o.profile)) {
          problems.push({
            where: `${file}:${o.line}`,
            message: `unknown kernel profile "${o.profile}" (known: ${[...profiles].join(", ")})`,
          });
        }
      }
    } catch (e) {
      if (!(e instanceof SnippetFormatError)) throw e;
      problems.push({ where: `${file}:${e.line}`, message: e.message });
    }
    parsed.set(file, result);
    return result;
  };

  const embedded = new Set<string>();
  for (const pageAbs of walk(join(root, layout.pagesDir), ".mdx")) {
    const page = posix(relative(root, pageAbs));
    const scan = scanPage(readFileSync(pageAbs, "utf8"));
    for (const p of scan.problems) problems.push({ where: `${page}:${p.line}`, message: p.message });
    for (const embed of scan.embeds) {
      const file = `${layout.snippetsDir}/${embed.src}.ts`;
      if (!snippetFiles.includes(file)) {
        problems.push({
          where: `${page}:${embed.line}`,
          message: `<Snippet src="${embed.src}"> names a snippet that does not exist: there is no ${file}`,
        });
        continue;
      }
      embedded.add(file);
      const snippet = load(file);
      if (snippet) cases.push({ page, pageLine: embed.line, src: embed.src, file, snippet });
    }
    for (const pic of scan.pictures) {
      const file = `${layout.snippetsDir}/${pic.src}.ts`;
      const where = `${page}:${pic.line}`;
      if (!snippetFiles.includes(file)) {
        problems.push({
          where,
          message: `<${pic.component} src="${pic.src}"> draws a snippet that does not exist: there is no ${file}`,
        });
        continue;
      }
      const snippet = load(file);
      if (!snippet) continue;
      const resolved = resolvePictureProfiles(
        pic.component,
        pic.src,
        file,
        pic.profiles,
        snippet.outputs.map((o) => o.profile),
      );
      if ("error" in resolved) {
        problems.push({ where, message: resolved.error });
        continue;
      }
      const { profiles } = resolved;
      pictures.push({ ...pic, page, profiles, file, snippet });
    }
  }
  for (const file of snippetFiles) {
    if (!embedded.has(file)) {
      problems.push({
        where: `${file}:1`,
        message: `no page embeds this snippet: embed it with <Snippet src="${file.slice(layout.snippetsDir.length + 1, -3)}" /> or delete it`,
      });
    }
  }
  return { cases, pictures, problems };
}
