/** Runs snippets in Node (the docs tests' runner) and reads a picture's hast tree with hast-util-select. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Element, Nodes } from "hast";
import { select, selectAll } from "hast-util-select";
import { runSnippetInNode } from "../../src/node/run";
import type { TraceEntry } from "../../src/pictures";
import { validateRunHosts } from "../../src/runner/validate-run";
import { type ParsedSnippet, parseSnippet } from "../../src/snippet/file";

export { select, selectAll };

export const root = join(import.meta.dirname, "..", "..");

export function snippet(src: string): ParsedSnippet {
  return parseSnippet(readFileSync(join(root, "snippets", `${src}.ts`), "utf8"));
}

/**
 * Runs a snippet under a profile; fails unless it printed its expected output (the verified run).
 * The trace goes through the page's check of the worker's data, as the page would draw it.
 */
export function verifiedTrace(src: string, profile: string, host = 0): readonly TraceEntry[] {
  const s = snippet(src);
  const r = runSnippetInNode(s.body, profile);
  if (r.error) throw new Error(`${src} [${profile}] failed: ${r.error.message}`);
  const expected = s.outputs.find((o) => o.profile === profile);
  if (!expected) throw new Error(`${src} declares no output for ${profile}`);
  if (r.output !== expected.text) throw new Error(`${src} [${profile}] did not print its expected output`);
  return validateRunHosts(r.hosts.map((h) => ({ kernel: h.kernel, trace: h.trace })))[host].trace;
}

/** The hast property name of an attribute: "data-seq" → "dataSeq", "aria-label" → "ariaLabel". */
function propertyName(attr: string): string {
  if (attr === "class") return "className";
  return attr.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The value of attribute `attr` of an element, as its markup would spell it. */
export function attr(el: Element | undefined, name: string): string | undefined {
  const v = el?.properties[propertyName(name)];
  if (v === undefined || v === null || v === false) return undefined;
  return Array.isArray(v) ? v.join(" ") : String(v);
}

/** Every value of `name` on the elements matching `selector`, in document order. */
export function attrOf(tree: Nodes, selector: string, name: string): string[] {
  return selectAll(selector, tree).flatMap((el) => {
    const v = attr(el, name);
    return v === undefined ? [] : [v];
  });
}

/** The text of a node and its descendants. */
export function textOf(node: Nodes | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value;
  return "children" in node ? node.children.map((c) => textOf(c as Nodes)).join("") : "";
}

/** The data-seq of every row of a text alternative, in order. */
export function tableSeqs(tree: Nodes): number[] {
  return attrOf(tree, "tr[data-seq]", "data-seq").map(Number);
}

/** A drawn call of a timeline drawing (an HTML list item): its number, its lane in words, its text, its class. */
export interface DrawnCall {
  seq: number;
  lane: string;
  text: string;
  cls: string;
}

/** The drawn calls of a timeline drawing, in order, read from their text. */
export function drawnCalls(tree: Nodes): DrawnCall[] {
  return selectAll("li.msi-pic__row", tree).map((li) => ({
    seq: Number(textOf(select("b", li))),
    lane: textOf(select(".sr-only", li)).trim().replace(/:$/, ""),
    text: textOf(select("code", li)),
    cls: attr(li, "class") ?? "",
  }));
}
