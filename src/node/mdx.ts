/**
 * Finds what a page embeds, with a real MDX parser (unified + remark-mdx), never
 * regular expressions over MDX: `<Snippet src="..." />` elements, and code blocks
 * that look runnable (ts/js) but are not marked `illustrative`. Node-only.
 */
import type { Code, Root } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { PICTURE_COMPONENTS } from "../pictures/kinds";

/** The MDX component name that embeds a runnable snippet. */
export const SNIPPET_COMPONENT = "Snippet";

/** Languages of code blocks that look runnable and so must be tested or marked. */
const RUNNABLE_LANGS = new Set(["ts", "typescript", "tsx", "js", "javascript", "jsx", "mjs", "mts"]);

/** The meta word that marks a code block as deliberately untested. */
export const ILLUSTRATIVE = "illustrative";

export interface Embed {
  /** The snippet path as written: "<group>/<page>/<name>" (no .ts). */
  src: string;
  line: number;
  column: number;
}

/** A picture drawn from a snippet's run. */
export interface PictureEmbed {
  component: string;
  src: string;
  /** The profiles named on the element (empty: the snippet's first declared ones). */
  profiles: string[];
  line: number;
  column: number;
}

export interface PageProblem {
  line: number;
  column: number;
  message: string;
}

export interface PageScan {
  embeds: Embed[];
  pictures: PictureEmbed[];
  problems: PageProblem[];
}

const parser = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkMdx);

/** Parses one MDX page into its mdast tree (throws, with `place`, when the page is not valid MDX). */
export const parseMdx = (source: string): Root => parser.parse(source) as Root;

/** Scans one MDX page. A page that does not parse is reported as a problem, not thrown. */
export function scanPage(source: string): PageScan {
  let tree: Root;
  try {
    tree = parseMdx(source);
  } catch (e) {
    const err = e as Error & { line?: number; column?: number; place?: { line: number; column: number } };
    const line = err.place?.line ?? err.line ?? 1;
    const column = err.place?.column ?? err.column ?? 1;
    return {
      embeds: [],
      pictures: [],
      problems: [{ line, column, message: `the page is not valid MDX: ${err.message}` }],
    };
  }
  const embeds: Embed[] = [];
  const pictures: PictureEmbed[] = [];
  const problems: PageProblem[] = [];
  visit(tree, (node) => {
    const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
      const el = node as MdxJsxFlowElement | MdxJsxTextElement;
      const picture = el.name ? PICTURE_COMPONENTS[el.name] : undefined;
      if (picture) {
        const attr = (name: string) => el.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
        const src = attr("src");
        const prof = attr(picture.profileAttr);
        if (
          !src ||
          typeof src.value !== "string" ||
          src.value.trim() === "" ||
          (prof && typeof prof.value !== "string")
        ) {
          problems.push({
            ...at,
            message: `<${el.name}> needs a plain string src="<group>/<page>/<name>" (and a plain string ${picture.profileAttr}, if any)`,
          });
          return;
        }
        const profiles = typeof prof?.value === "string" ? prof.value.split(/\s+/).filter(Boolean) : [];
        pictures.push({ component: el.name as string, src: src.value.replace(/\.ts$/, ""), profiles, ...at });
        return;
      }
      if (el.name !== SNIPPET_COMPONENT) return;
      const src = el.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === "src");
      if (!src || typeof src.value !== "string" || src.value.trim() === "") {
        problems.push({ ...at, message: `<${SNIPPET_COMPONENT}> needs a plain string src="<group>/<page>/<name>"` });
        return;
      }
      embeds.push({ src: src.value.replace(/\.ts$/, ""), ...at });
    } else if (node.type === "code") {
      const code = node as Code;
      const lang = (code.lang ?? "").toLowerCase();
      const meta = (code.meta ?? "").split(/\s+/);
      if (RUNNABLE_LANGS.has(lang) && !meta.includes(ILLUSTRATIVE)) {
        problems.push({
          ...at,
          message:
            `a \`${code.lang}\` code block that no test runs. Move it to snippets/ and embed it with ` +
            `<${SNIPPET_COMPONENT} src="..." />, or mark it \`\`\`${code.lang} ${ILLUSTRATIVE} if it is not meant to run`,
        });
      }
    }
  });
  return { embeds, pictures, problems };
}
