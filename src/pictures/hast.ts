/**
 * What every picture shares: hast trees built with hastscript's `h()`, serialised by
 * hast-util-to-html, so every text and attribute is escaped by construction. The
 * drawings are HTML that is its own text (lists and a table, laid out by CSS in
 * PictureFrame.astro). Browser-safe.
 */
import type { Element, ElementContent, Properties, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";

export type { Element, ElementContent, Properties };
export { h };

/** Markup of a hast tree; text and attribute values are escaped by hast-util-to-html. */
export function toMarkup(node: Element | Root): string {
  return toHtml(node, { closeEmptyElements: true, tightSelfClosing: true });
}
