/** Runs snippets in Node (the docs tests' runner) and reads back what a picture's markup says. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runSnippetInNode } from "../../src/node/run";
import { asTrace, type TraceEntry } from "../../src/pictures";
import { type ParsedSnippet, parseSnippet } from "../../src/snippet/file";

export const root = join(import.meta.dirname, "..", "..");

export function snippet(src: string): ParsedSnippet {
  return parseSnippet(readFileSync(join(root, "snippets", `${src}.ts`), "utf8"));
}

/** Runs a snippet under a profile; fails unless it printed its expected output (the verified run). */
export function verifiedTrace(src: string, profile: string, host = 0): TraceEntry[] {
  const s = snippet(src);
  const r = runSnippetInNode(s.body, profile);
  if (r.error) throw new Error(`${src} [${profile}] failed: ${r.error.message}`);
  const expected = s.outputs.find((o) => o.profile === profile);
  if (!expected) throw new Error(`${src} declares no output for ${profile}`);
  if (r.output !== expected.text) throw new Error(`${src} [${profile}] did not print its expected output`);
  return asTrace(r.hosts[host].trace);
}

/** Every value of `attr` on elements whose class list contains `cls`, in document order. */
export function attrOf(markup: string, cls: string, attr: string): string[] {
  const out: string[] = [];
  const re = /<(\w+)\s([^>]*)>/g;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    const attrs = m[2];
    const c = /\bclass="([^"]*)"/.exec(attrs)?.[1]?.split(" ") ?? [];
    if (!c.includes(cls)) continue;
    const v = new RegExp(`\\b${attr}="([^"]*)"`).exec(attrs)?.[1];
    if (v !== undefined) out.push(v);
  }
  return out;
}

/** The data-seq of every <tr> in a text alternative, in order. */
export function tableSeqs(html: string): number[] {
  return [...html.matchAll(/<tr[^>]*\bdata-seq="(\d+)"/g)].map((m) => Number(m[1]));
}

export function unescapeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
