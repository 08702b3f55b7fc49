// @ts-check
/**
 * The content security policy, with Astro's own `security.csp`.
 *
 * Astro writes a `<meta http-equiv="content-security-policy">` into every page, with the
 * hashes of the scripts and styles it processes. Two things it leaves to us:
 *
 * - Starlight's `<script is:inline>` blocks (the theme, the search shortcut, the sidebar
 *   state) are not processed by Astro, so Astro does not hash them (withastro/astro#16664).
 *   `starlightInlineScriptHashes()` hashes them from the installed Starlight's own
 *   components, parsed as HTML, so the hashes follow Starlight upgrades; `cspCheck()` fails
 *   the build if a page still has an inline script or style its policy does not allow.
 * - A `<meta>` policy cannot say `frame-ancestors`, and a worker does not inherit the page's
 *   policy: it gets the one its own script is served with. `cspCheck()` writes `_headers`
 *   (read by Netlify, Cloudflare Pages and others) from `public/_headers` and the policies
 *   Astro put into the built pages, so the two cannot drift.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { fromHtml } from "hast-util-from-html";
import { toString as textOf } from "hast-util-to-string";
import { visit } from "unist-util-visit";

/** @param {string} text */
export const sha256 = (text) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * The hashes of the bodies of every `<script is:inline>` in Starlight's components (the
 * installed version). Astro renders an `is:inline` body verbatim, so its hash is the hash
 * of the source text between the tags.
 * @returns {string[]}
 */
export function starlightInlineScriptHashes() {
  const dist = dirname(fileURLToPath(import.meta.resolve("@astrojs/starlight")));
  const hashes = new Set();
  for (const file of filesUnder(dist).filter((f) => f.endsWith(".astro"))) {
    const source = readFileSync(file, "utf8");
    if (!source.includes("is:inline")) continue;
    // The template of an .astro file is HTML: a script's body is raw text to an HTML parser.
    visit(fromHtml(source), "element", (node) => {
      if (node.tagName === "script" && "is:inline" in node.properties && !node.properties.src) {
        hashes.add(sha256(textOf(node)));
      }
    });
  }
  if (hashes.size === 0) throw new Error("csp: found no <script is:inline> in Starlight's components");
  return [...hashes].sort();
}

/** A parsed policy: directive name -> its sources. @param {string} policy */
export function parsePolicy(policy) {
  /** @type {Map<string, string[]>} */
  const directives = new Map();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name)) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Sources that apply to an element of a kind, following CSP's fallback chain. */
function sourcesFor(/** @type {Map<string, string[]>} */ policy, /** @type {"script"|"style"} */ kind) {
  return policy.get(`${kind}-src-elem`) ?? policy.get(`${kind}-src`) ?? policy.get("default-src") ?? [];
}

/** Script types a browser does not run (data blocks): CSP does not apply to them. */
const DATA_BLOCK = /^(application\/(ld\+)?json|text\/plain|importmap)$/i;

/**
 * Checks one built page against its own meta policy.
 * @param {string} html
 * @returns {{ policy: string | undefined, problems: string[] }}
 */
export function checkPage(html) {
  const tree = fromHtml(html);
  /** @type {string[]} */
  const policies = [];
  /** @type {string[]} */
  const problems = [];
  /** @type {{ kind: "script" | "style", text: string }[]} */
  const inline = [];
  visit(tree, "element", (node) => {
    const p = node.properties;
    if (node.tagName === "meta" && String(p.httpEquiv ?? "").toLowerCase() === "content-security-policy") {
      policies.push(String(p.content ?? ""));
    }
    if (node.tagName === "script" && !p.src && !DATA_BLOCK.test(String(p.type ?? ""))) {
      inline.push({ kind: "script", text: textOf(node) });
    }
    if (node.tagName === "style") inline.push({ kind: "style", text: textOf(node) });
    for (const name of Object.keys(p)) {
      // Inline event handlers need 'unsafe-hashes'; the site has none and must keep it so.
      // (hast names them onClick, onLoad, ...)
      if (/^on[A-Z]/.test(name)) problems.push(`<${node.tagName} ${name.toLowerCase()}> is an inline event handler`);
    }
  });
  if (policies.length !== 1) {
    problems.push(`expected one content-security-policy <meta>, found ${policies.length}`);
    return { policy: policies[0], problems };
  }
  const policy = parsePolicy(policies[0]);
  for (const { kind, text } of inline) {
    const allowed = sourcesFor(policy, kind);
    if (!allowed.includes(`'${sha256(text)}'`) && !allowed.includes("'unsafe-inline'")) {
      problems.push(`an inline <${kind}> is not allowed by the policy: ${JSON.stringify(text.trim().slice(0, 80))}`);
    }
  }
  return { policy: policies[0], problems };
}

/** The URL path a built HTML file is served at, under `base`. */
function pagePath(/** @type {string} */ outDir, /** @type {string} */ file, /** @type {string} */ base) {
  const rel = relative(outDir, file).split(sep).join("/");
  const path = rel === "index.html" ? "" : rel.endsWith("/index.html") ? rel.slice(0, -"index.html".length) : rel;
  return `${base.replace(/\/+$/, "")}/${path}`;
}

/**
 * Directives a `<meta>` policy cannot carry (browsers ignore them there), added to the
 * pages' policies in `_headers`.
 */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"];

/**
 * `_headers`: the rules in public/_headers (paths there are root-relative; they get `base`),
 * then one rule per page with the very policy of that page's `<meta>`, plus the directives
 * only a header can carry.
 * @param {string} template
 * @param {{ path: string, policy: string }[]} pages
 * @param {string} base
 */
export function headersFile(template, pages, base) {
  const prefix = base.replace(/\/+$/, "");
  const lines = template
    .trimEnd()
    .split("\n")
    .map((line) => (line.startsWith("/") ? `${prefix}${line}` : line));
  lines.push("", "# Generated at build time (docs/integrations/csp.mjs): each page's own <meta> policy.");
  for (const { path, policy } of pages) {
    const full = [policy.trim().replace(/;$/, ""), ...HEADER_ONLY_DIRECTIVES].join("; ");
    lines.push(path, `  Content-Security-Policy: ${full}`);
  }
  return `${lines.join("\n")}\n`;
}

/** @returns {import("astro").AstroIntegration} */
export function cspCheck() {
  /** @type {string} */
  let base = "/";
  return {
    name: "msi-csp-check",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base;
      },
      "astro:build:done": ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const pages = [];
        const problems = [];
        for (const file of filesUnder(outDir).filter((f) => f.endsWith(".html"))) {
          const checked = checkPage(readFileSync(file, "utf8"));
          const path = pagePath(outDir, file, base);
          problems.push(...checked.problems.map((p) => `${path}: ${p}`));
          if (checked.policy) pages.push({ path, policy: checked.policy });
        }
        if (problems.length) throw new Error(`Content security policy check failed:\n${problems.join("\n")}`);
        const headers = join(outDir, "_headers");
        writeFileSync(headers, headersFile(readFileSync(headers, "utf8"), pages, base));
        logger.info(`${pages.length} pages allow only their own scripts and styles; wrote _headers`);
      },
    },
  };
}
