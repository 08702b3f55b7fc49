/**
 * What every picture shares: hast trees built with hastscript (`s()` for SVG,
 * `h()` for HTML), serialised by hast-util-to-html, so every text and attribute
 * is escaped by construction; the type size and the text layout of the drawings.
 * Browser-safe.
 */
import type { Element, ElementContent, Properties, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { h, s } from "hastscript";
import { clip } from "./trace-data";

export type { Element, ElementContent, Properties };
export { h, s };

/**
 * The drawings are laid out for 1 user unit = 1 CSS px (PictureFrame.astro keeps them at that
 * size and lets the box scroll when the column is narrower), so this is the rendered text size:
 * the size of a code block's text.
 */
export const FONT = 14.4;
/** Advance of one monospace character at FONT (0.6 em, with a little slack). */
export const CHAR = FONT * 0.61;
/** Average advance of a character of the sans-serif labels at FONT (a generous estimate). */
export const SANS_CHAR = FONT * 0.56;
/** One line of text. */
export const LINE = 20;
/**
 * Width every drawing is laid out for: the content column of a 1280 px wide page inside a list item
 * and the frame (PictureFrame.astro shows the key values above the drawing when it is narrower).
 */
export const WIDTH = 568;

/** A number rounded for coordinates. */
export function n(x: number): number {
  return Math.round(x * 10) / 10;
}

/** How many monospace (or sans-serif) characters fit in `px`. */
export function charsIn(px: number, font: "mono" | "sans" = "mono"): number {
  return Math.max(1, Math.floor(px / (font === "mono" ? CHAR : SANS_CHAR)));
}

/** Markup of a hast tree; text and attribute values are escaped by hast-util-to-html. */
export function toMarkup(node: Element | Root): string {
  return toHtml(node, { closeEmptyElements: true, tightSelfClosing: true });
}

/**
 * The root element every picture shares: an accessible image (role="img" with a
 * summary label), laid out in CSS px.
 */
export function svgRoot(
  size: { width: number; height: number },
  ariaLabel: string,
  data: Properties,
  children: ElementContent[],
): Element {
  return s(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      class: "msi-pic__svg",
      viewBox: `0 0 ${size.width} ${n(size.height)}`,
      width: size.width,
      height: n(size.height),
      "font-size": FONT,
      role: "img",
      "aria-label": ariaLabel,
      ...data,
    },
    children,
  );
}

/** One line of a call laid out over several: its text, and the return value on the last line. */
export interface TextLine {
  text: string;
  ret: string;
  /** A continuation line, drawn indented. */
  more: boolean;
}

/**
 * Lays out `call` (and its `ret`, " = -34 ERANGE", on the last line) in lines of `width`
 * characters, breaking where breakable() allows; at most `maxLines` lines, the rest clipped
 * with "…". Continuation lines are `indent` characters narrower.
 */
export function wrapCall(call: string, ret: string, width: number, maxLines: number, indent = 2): TextLine[] {
  if (call.length + ret.length <= width || maxLines <= 1)
    return [{ text: clip(call, Math.max(4, width - ret.length)), ret, more: false }];
  const cap = (k: number) => (k === 0 ? width : width - indent);
  const lines: string[] = [];
  let line = "";
  for (const token of breakable(call, cap(1))) {
    if (line !== "" && (line + token).trimEnd().length > cap(lines.length)) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  lines.push(line);
  let out = lines.slice(0, maxLines);
  if (lines.length > maxLines) out[maxLines - 1] = lines.slice(maxLines - 1).join("");
  out = out.map((l, k) => clip(l, cap(k)));
  const last = out.length - 1;
  const retText = ret.trimStart();
  if (out[last].length + ret.length > cap(last)) {
    if (out.length < maxLines && retText.length <= cap(out.length)) out.push("");
    else out[last] = clip(out[last], Math.max(4, cap(last) - ret.length));
  }
  return out.map((text, k) => ({
    text,
    ret: k === out.length - 1 ? (text === "" ? retText : ret) : "",
    more: k > 0,
  }));
}

/**
 * The pieces a line may break between: after "(" that opens a call's arguments, after ", ", before " (";
 * a piece longer than `max` also after each "_" (a long kernel function name).
 */
function breakable(text: string, max: number): string[] {
  return text
    .split(/(?<=\w\()(?=[^)…])|(?<=, )|(?= \()/)
    .flatMap((piece) => (piece.length > max ? piece.split(/(?<=_)/) : [piece]));
}
