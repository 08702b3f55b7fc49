/**
 * Every HTML page of the built site, read from dist/ (not a hand-kept list), as
 * the paths `astro preview` serves them: `dist/a/b/index.html` is `/a/b/`,
 * `dist/404.html` is `/404.html`. Asset folders (_astro, pagefind, the runner's
 * snippet JSON) hold no pages.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const DIST = join(import.meta.dirname, "..", "..", "dist");
const ASSETS = new Set(["_astro", "pagefind", "snippets"]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return dir === DIST && ASSETS.has(e.name) ? [] : walk(path);
    return e.name.endsWith(".html") ? [path] : [];
  });
}

/** The pages' URL paths, sorted; empty when the site has not been built. */
export function builtPages(): string[] {
  if (!existsSync(DIST)) return [];
  return walk(DIST)
    .map((file) => `/${relative(DIST, file).split(sep).join("/")}`.replace(/(^|\/)index\.html$/, "$1"))
    .sort();
}

/**
 * The paths the sitemap lists (every page but the 404), to cross-check builtPages(),
 * without the site's base path (`base`, e.g. "/msi-lifecycle/" or "/").
 */
export function sitemapPaths(base = "/"): string[] {
  const file = join(DIST, "sitemap-0.xml");
  if (!existsSync(file)) return [];
  const prefix = base.replace(/\/+$/, "");
  return [...readFileSync(file, "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((m) => new URL(m[1]).pathname)
    .map((p) => (prefix && p.startsWith(`${prefix}/`) ? p.slice(prefix.length) : p));
}
