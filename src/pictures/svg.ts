/** Tiny string helpers for the hand-written SVG and HTML of the pictures. Browser-safe. */

/** Escapes text for an XML/HTML text node or a double-quoted attribute. */
export function esc(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`,
  );
}

/** Attributes from an object; undefined and false are left out. */
export function attrs(a: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v as string | number)}"`))
    .join("");
}

/** An element with escaped attributes; `inner` is trusted markup. */
export function tag(name: string, a: Record<string, string | number | boolean | undefined>, inner = ""): string {
  return `<${name}${attrs(a)}>${inner}</${name}>`;
}

/** A number rounded for coordinates. */
export function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Monospace text width estimate in px (the SVG uses a monospace font at this size). */
export function textWidth(text: string, fontPx: number): number {
  return text.length * fontPx * 0.6;
}

/**
 * The root element every picture shares: an accessible image (role="img" with a
 * summary label) of a fixed coordinate width that scales down with its box.
 */
export function svgRoot(
  size: { width: number; height: number; fontSize: number },
  ariaLabel: string,
  data: Record<string, string | number>,
  inner: string,
): string {
  return tag(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      class: "msi-pic__svg",
      viewBox: `0 0 ${size.width} ${size.height}`,
      "font-size": size.fontSize,
      width: size.width,
      height: size.height,
      role: "img",
      "aria-label": ariaLabel,
      ...data,
    },
    inner,
  );
}
