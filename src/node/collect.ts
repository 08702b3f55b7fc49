/**
 * Collects the literate tests of a docs tree: every snippet each page embeds,
 * with its page line, file and profiles, plus every problem that must fail the
 * suite (a missing snippet, an orphan snippet, a malformed snippet file, an
 * untested runnable-looking code block, an unknown profile). Node-only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { KERNEL_PROFILES, PLATFORMS, parseProfileName, QEMU_VERSIONS } from "msi-lifecycle";
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

/** The state of one collection: what is found so far, and every snippet file parsed once. */
interface Collector {
  layout: DocsLayout;
  out: DocsCollection;
  snippetFiles: string[];
  parsed: Map<string, ParsedSnippet | null>;
  /** Snippet files some page embeds. */
  embedded: Set<string>;
}

/** Parses a snippet file once (null if malformed), reporting a bad file or an unknown profile. */
function load(c: Collector, file: string): ParsedSnippet | null {
  if (c.parsed.has(file)) return c.parsed.get(file) ?? null;
  const { problems } = c.out;
  let result: ParsedSnippet | null = null;
  try {
    result = parseSnippet(readFileSync(join(c.layout.root, file), "utf8"));
    for (const o of result.outputs) {
      if (!parseProfileName(o.profile)) {
        problems.push({
          where: `${file}:${o.line}`,
          message: `unknown profile "${o.profile}": a kernel (${KERNEL_PROFILES.join(", ")}), then optionally /qemu-<${QEMU_VERSIONS.join("|")}> and /<${PLATFORMS.join("|")}>`,
        });
      }
    }
  } catch (e) {
    if (!(e instanceof SnippetFormatError)) throw e;
    problems.push({ where: `${file}:${e.line}`, message: e.message });
  }
  c.parsed.set(file, result);
  return result;
}

/** The <Snippet> embeds of one page: a case each, or a problem if the file is missing. */
function collectEmbeds(c: Collector, page: string, scan: ReturnType<typeof scanPage>): void {
  const { snippetsDir } = c.layout;
  for (const embed of scan.embeds) {
    const file = `${snippetsDir}/${embed.src}.ts`;
    if (!c.snippetFiles.includes(file)) {
      c.out.problems.push({
        where: `${page}:${embed.line}`,
        message: `<Snippet src="${embed.src}"> names a snippet that does not exist: there is no ${file}`,
      });
      continue;
    }
    c.embedded.add(file);
    const snippet = load(c, file);
    if (snippet) c.out.cases.push({ page, pageLine: embed.line, src: embed.src, file, snippet });
  }
}

/** The pictures of one page, with the profiles each draws, or a problem. */
function collectPictures(c: Collector, page: string, scan: ReturnType<typeof scanPage>): void {
  const { problems } = c.out;
  for (const pic of scan.pictures) {
    const file = `${c.layout.snippetsDir}/${pic.src}.ts`;
    const where = `${page}:${pic.line}`;
    if (!c.snippetFiles.includes(file)) {
      problems.push({
        where,
        message: `<${pic.component} src="${pic.src}"> draws a snippet that does not exist: there is no ${file}`,
      });
      continue;
    }
    const snippet = load(c, file);
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
    c.out.pictures.push({ ...pic, page, profiles, file, snippet });
  }
}

/** A problem for every snippet file no page embeds. */
function reportOrphans(c: Collector): void {
  const { snippetsDir } = c.layout;
  for (const file of c.snippetFiles) {
    if (!c.embedded.has(file)) {
      c.out.problems.push({
        where: `${file}:1`,
        message: `no page embeds this snippet: embed it with <Snippet src="${file.slice(snippetsDir.length + 1, -3)}" /> or delete it`,
      });
    }
  }
}

/** Reads every page and snippet under the layout and pairs them up. */
export function collectDocs(layout: DocsLayout): DocsCollection {
  const { root } = layout;
  const c: Collector = {
    layout,
    out: { cases: [], pictures: [], problems: [] },
    snippetFiles: walk(join(root, layout.snippetsDir), ".ts").map((f) => posix(relative(root, f))),
    parsed: new Map(),
    embedded: new Set(),
  };
  for (const pageAbs of walk(join(root, layout.pagesDir), ".mdx")) {
    const page = posix(relative(root, pageAbs));
    const scan = scanPage(readFileSync(pageAbs, "utf8"));
    for (const p of scan.problems) c.out.problems.push({ where: `${page}:${p.line}`, message: p.message });
    collectEmbeds(c, page, scan);
    collectPictures(c, page, scan);
  }
  reportOrphans(c);
  return c.out;
}
