/**
 * Finds what a page embeds, with a real MDX parser (unified + remark-mdx), never
 * regular expressions over MDX: `<Snippet src="..." />` elements and pictures,
 * and what the docs checks refuse: code that looks runnable but no test runs
 * (code-blocks.ts), components the page does not import (mdx-imports.ts), a
 * Snippet or picture without a plain string src. Node-only.
 */
import type { Code, Root } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import remarkFrontmatter from "remark-frontmatter";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { PICTURE_COMPONENTS } from "../pictures/kinds";
import { untestedCodeElement, untestedFence } from "./code-blocks";
import { boundNames, unboundComponent } from "./mdx-imports";

export { ILLUSTRATIVE, RUNNABLE_LANGS } from "./code-blocks";

/** The MDX component name that embeds a runnable snippet. */
export const SNIPPET_COMPONENT = "Snippet";

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

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement;
type At = { line: number; column: number };

/** A plain string attribute's value; undefined when absent, null when it is not a plain string. */
function stringAttr(el: JsxElement, name: string): string | null | undefined {
  const a = el.attributes.find((x) => x.type === "mdxJsxAttribute" && x.name === name);
  if (!a) return undefined;
  return typeof a.value === "string" ? a.value : null;
}

/** A picture element: its embed, or a problem when its src or profiles are not plain strings. */
function scanPicture(el: JsxElement, profileAttr: string, at: At, scan: PageScan): void {
  const src = stringAttr(el, "src");
  const prof = stringAttr(el, profileAttr);
  if (!src || src.trim() === "" || prof === null) {
    scan.problems.push({
      ...at,
      message: `<${el.name}> needs a plain string src="<group>/<page>/<name>" (and a plain string ${profileAttr}, if any)`,
    });
    return;
  }
  const profiles = prof ? prof.split(/\s+/).filter(Boolean) : [];
  scan.pictures.push({ component: el.name as string, src: src.replace(/\.ts$/, ""), profiles, ...at });
}

/** One JSX element: a Snippet, a picture, a <Code> block, and whether the page imports it. */
function scanElement(el: JsxElement, at: At, bound: Set<string>, scan: PageScan): void {
  const unbound = unboundComponent(el, bound);
  if (unbound) scan.problems.push({ ...at, message: unbound });
  const picture = el.name ? PICTURE_COMPONENTS[el.name] : undefined;
  if (picture) {
    scanPicture(el, picture.profileAttr, at, scan);
    return;
  }
  const untested = untestedCodeElement(el);
  if (untested) scan.problems.push({ ...at, message: untested });
  if (el.name !== SNIPPET_COMPONENT) return;
  const src = stringAttr(el, "src");
  if (!src || src.trim() === "") {
    scan.problems.push({ ...at, message: `<${SNIPPET_COMPONENT}> needs a plain string src="<group>/<page>/<name>"` });
    return;
  }
  scan.embeds.push({ src: src.replace(/\.ts$/, ""), ...at });
}

/**
 * Scans of recent page texts: the docs checks, the pictures' tests and the explorer's coverage
 * each collect every page, and in a shared test worker they would parse the same texts again.
 * Keyed by the whole text, so an edited page is parsed afresh; each caller gets its own copy.
 */
const scans = new Map<string, PageScan>();
const SCANS_KEPT = 64;

/** Scans one MDX page. A page that does not parse is reported as a problem, not thrown. */
export function scanPage(source: string): PageScan {
  let scan = scans.get(source);
  if (!scan) {
    scan = scanSource(source);
    if (scans.size >= SCANS_KEPT) scans.delete(scans.keys().next().value!);
    scans.set(source, scan);
  }
  return structuredClone(scan);
}

function scanSource(source: string): PageScan {
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
  const scan: PageScan = { embeds: [], pictures: [], problems: [] };
  const bound = boundNames(tree);
  visit(tree, (node) => {
    const at = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
    if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
      scanElement(node as JsxElement, at, bound, scan);
    } else if (node.type === "code") {
      const untested = untestedFence(node as Code);
      if (untested) scan.problems.push({ ...at, message: untested });
    }
  });
  return scan;
}
