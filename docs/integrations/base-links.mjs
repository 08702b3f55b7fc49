// @ts-check
/**
 * Root-relative links in the pages ("/the-bug/the-patch/") work under any base path.
 *
 * The pages link to each other as the site's readers see it at its root. Astro does not
 * prefix `base` to links in Markdown and MDX, so under a sub-path (GitHub Pages serves
 * `https://<user>.github.io/<repo>/`) every such link would leave the site. This
 * integration adds a Markdown (mdast) plugin to Astro's Markdown processor, the one MDX
 * uses too, that prefixes `base` to every root-relative URL: Markdown links, link
 * definitions and images, and the `href` / `src` props of JSX elements in MDX (Starlight's
 * `<LinkCard href>`). It runs before the HTML stage, so starlight-links-validator (an
 * HTML-stage plugin) checks the links as they are published, base included.
 */

/** `/x` but not `//host/x` (protocol-relative). @param {unknown} url */
const isRootRelative = (url) => typeof url === "string" && url.startsWith("/") && !url.startsWith("//");

/**
 * @param {string} base Astro's `base` ("/" or "/msi-lifecycle" or "/msi-lifecycle/")
 * @returns {(url: string) => string}
 */
export function prefixer(base) {
  const trimmed = base.replace(/\/+$/, "");
  if (trimmed === "") return (url) => url;
  // "/" becomes "/msi-lifecycle/", "/#a" becomes "/msi-lifecycle/#a", "/x/" becomes "/msi-lifecycle/x/".
  return (url) => (isRootRelative(url) ? `${trimmed}${url}` : url);
}

const JSX_URL_PROPS = new Set(["href", "src"]);

/**
 * The satteri mdast plugin.
 * @param {(url: string) => string} prefix
 */
export function baseLinksPlugin(prefix) {
  /** @param {any} node @param {any} ctx */
  const url = (node, ctx) => {
    const next = prefix(node.url);
    if (next !== node.url) ctx.setProperty(node, "url", next);
  };
  /** @param {any} node */
  const jsx = (node) => {
    let changed = false;
    const attributes = node.attributes.map((/** @type {any} */ a) => {
      if (a.type !== "mdxJsxAttribute" || !JSX_URL_PROPS.has(a.name) || typeof a.value !== "string") return a;
      const value = prefix(a.value);
      if (value === a.value) return a;
      changed = true;
      return { ...a, value };
    });
    // satteri cannot set a JSX element's attributes in place: the visitor returns a copy
    // (its children come along as references) that replaces the element.
    return changed ? { ...node, attributes } : undefined;
  };
  return {
    name: "msi-base-links",
    link: url,
    definition: url,
    image: url,
    mdxJsxFlowElement: jsx,
    mdxJsxTextElement: jsx,
  };
}

/** @returns {import("astro").AstroIntegration} */
export default function baseLinks() {
  return {
    name: "msi-base-links",
    hooks: {
      "astro:config:setup": ({ config }) => {
        const processor = /** @type {any} */ (config.markdown.processor);
        if (processor?.name !== "satteri" || !Array.isArray(processor.options?.mdastPlugins)) {
          throw new Error(
            `msi-base-links: expected Astro's default Markdown processor (satteri), found "${processor?.name}"`,
          );
        }
        processor.options.mdastPlugins.push(baseLinksPlugin(prefixer(config.base)));
      },
    },
  };
}
