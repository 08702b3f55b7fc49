/**
 * Links the first use of each glossary term on a page to its entry on the glossary
 * page, so a reader who meets "hwsize" or "devres" for the first time is one click
 * from a plain explanation. The terms and their forms are in ./glossary-terms.ts.
 *
 * Only running text and inline code are linked: never inside a heading, a link,
 * a code block or other code. "First use" is in document order, per page; a term
 * inside a longer term ("MSI" in "MSI domain") is not a use of it. The glossary
 * page itself is left alone.
 *
 * Astro 7 renders Markdown and MDX with Sätteri: this is a Sätteri HAST plugin,
 * added to Astro's configured processor the way Starlight adds its own.
 */
import type { AstroIntegration } from "astro";
import { GLOSSARY, GLOSSARY_PATH, type GlossaryTerm } from "./glossary-terms";

/** The few HAST shapes the plugin reads (Sätteri passes plain HAST nodes). */
interface Node {
  type: string;
  tagName?: string;
  name?: string | null;
  value?: string;
}
interface Ctx {
  parent(node: Node): Node | undefined;
  textContent(node: Node): string;
  replaceNode(node: Node, nodes: unknown[]): void;
  wrapNode(node: Node, parent: unknown): void;
}
interface FactoryCtx {
  fileURL: URL | undefined;
}

/** No term is linked inside these (HTML elements or MDX components). */
const SKIP = new Set([
  "a",
  "code",
  "pre",
  "kbd",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "svg",
  "LinkCard",
  "Card",
  "FileTree",
]);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const capitalized = (w: string) => (/^[a-z]/.test(w) ? [w, w[0].toUpperCase() + w.slice(1)] : [w]);

/**
 * Word form -> term, code form -> term, and one pattern matching any word form as a
 * whole word, longest first. Exported for tests/e2e/glossary.test.ts.
 */
export function glossaryIndex(terms: GlossaryTerm[] = GLOSSARY) {
  const byWord = new Map<string, GlossaryTerm>();
  const byCode = new Map<string, GlossaryTerm>();
  for (const t of terms) {
    for (const w of t.words.flatMap(capitalized)) {
      if (byWord.has(w)) throw new Error(`glossary: "${w}" belongs to both ${byWord.get(w)?.id} and ${t.id}`);
      byWord.set(w, t);
    }
    for (const c of t.code ?? []) {
      if (byCode.has(c)) throw new Error(`glossary: code "${c}" belongs to both ${byCode.get(c)?.id} and ${t.id}`);
      byCode.set(c, t);
    }
  }
  const alternatives = [...byWord.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  // A letter, digit, "_", "/" or "-" next to the form means it is part of a longer word
  // ("VF" in "VFIO", "MSI" in "MSI-X" or "PCI/MSI"); a "-" before a letter counts too.
  const words = new RegExp(
    `(?<![\\p{L}\\p{N}_/-])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}_/]|-[\\p{L}\\p{N}])`,
    "gu",
  );
  return { byWord, byCode, words };
}

const { byWord, byCode, words } = glossaryIndex();

function inSkipped(node: Node, ctx: Ctx): boolean {
  for (let p = ctx.parent(node); p; p = ctx.parent(p)) {
    const name = p.type === "element" ? p.tagName : p.name;
    if (name && SKIP.has(name)) return true;
  }
  return false;
}

/**
 * The plugin factory for a site served under `base` (Astro's, "/" or "/msi-lifecycle/"):
 * a fresh plugin per document, which remembers the terms this page has linked.
 */
const glossaryLinks =
  (base: string) =>
  ({ fileURL }: FactoryCtx) => {
    const href = (term: GlossaryTerm) => `${base.replace(/\/+$/, "")}${GLOSSARY_PATH}#${term.id}`;
    const link = (term: GlossaryTerm, children: unknown[]) => ({
      type: "element",
      tagName: "a",
      properties: { href: href(term), class: "msi-term" },
      children,
    });
    const path = fileURL?.pathname ?? "";
    if (!path.includes("/content/docs/") || path.endsWith(`/content/docs${GLOSSARY_PATH.replace(/\/$/, "")}.mdx`))
      return;
    const linked = new Set<string>();
    return {
      name: "msi-glossary-links",
      text(node: Node, ctx: Ctx) {
        const value = node.value ?? "";
        if (!value.trim() || inSkipped(node, ctx)) return;
        const parts: unknown[] = [];
        let at = 0;
        for (const m of value.matchAll(words)) {
          const term = byWord.get(m[0]);
          if (!term || linked.has(term.id)) continue; // a later use, or part of a longer term
          linked.add(term.id);
          if (m.index > at) parts.push({ type: "text", value: value.slice(at, m.index) });
          parts.push(link(term, [{ type: "text", value: m[0] }]));
          at = m.index + m[0].length;
        }
        if (parts.length === 0) return;
        if (at < value.length) parts.push({ type: "text", value: value.slice(at) });
        ctx.replaceNode(node, parts);
      },
      element: {
        filter: ["code"],
        visit(node: Node, ctx: Ctx) {
          const term = byCode.get(ctx.textContent(node).trim());
          if (!term || linked.has(term.id) || inSkipped(node, ctx)) return;
          linked.add(term.id);
          ctx.wrapNode(node, link(term, []));
        },
      },
    };
  };

export function glossaryLinksIntegration(): AstroIntegration {
  return {
    name: "msi-glossary-links",
    hooks: {
      "astro:config:setup": ({ config }) => {
        const processor = config.markdown.processor as unknown as { name: string; options: { hastPlugins: unknown[] } };
        if (processor?.name !== "satteri") {
          throw new Error(
            `docs/plugins/glossary-links.ts expects Astro's Sätteri Markdown processor, not "${processor?.name}"`,
          );
        }
        processor.options.hastPlugins.push(glossaryLinks(config.base));
      },
    },
  };
}
