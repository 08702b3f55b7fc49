/** A small DOM helper shared by the runner's views. Browser-only. */

/** Creates an element, assigns its properties and appends its children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** The element `selector` names inside `root`; a clear error when the markup lacks it. */
export function part<T extends Element = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`the snippet's runner markup has no ${selector}`);
  return found;
}

/** Links the stylesheet at `href` once (a <link>, which the page's policy allows: 'self'). */
export function linkStylesheet(href: string): void {
  if (document.querySelector(`link[href="${href}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.append(link);
}
