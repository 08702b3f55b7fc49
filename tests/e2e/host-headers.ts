/**
 * Serves the built site's `_headers` file the way hosts that read one do (Netlify,
 * Cloudflare Pages): `astro preview` ignores it, so the browser tests add its headers to
 * every response through Playwright's request interception, the worker's script included.
 *
 * Format: a line with a path pattern (`*` matches anything), then indented `Name: value`
 * lines; `#` starts a comment. Every rule whose pattern matches a path applies; the values
 * of a header set by several rules are joined with ", " (as Cloudflare does, which for
 * Content-Security-Policy means both policies are enforced).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";

export interface HeaderRule {
  pattern: string;
  match: RegExp;
  headers: [string, string][];
}

export const HEADERS_FILE = join(import.meta.dirname, "..", "..", "dist", "_headers");

export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim();
      const source = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
      rules.push({ pattern, match: new RegExp(`^${source}$`), headers: [] });
      continue;
    }
    const colon = line.indexOf(":");
    const rule = rules.at(-1);
    if (!rule || colon < 0) throw new Error(`_headers line ${i + 1}: expected "Name: value" under a path: ${line}`);
    rule.headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/** The headers the rules give a path. */
export function headersFor(rules: HeaderRule[], path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rule of rules) {
    if (!rule.match.test(path)) continue;
    for (const [name, value] of rule.headers) out[name] = name in out ? `${out[name]}, ${value}` : value;
  }
  return out;
}

/** Adds the built `_headers` to every response the context gets; returns the paths served. */
export async function serveWithHeaders(
  context: BrowserContext,
  rules = parseHeaders(readFileSync(HEADERS_FILE, "utf8")),
) {
  const served: { path: string; headers: Record<string, string> }[] = [];
  await context.route("**/*", async (route) => {
    const response = await route.fetch();
    const path = new URL(route.request().url()).pathname;
    const extra = headersFor(rules, path);
    served.push({ path, headers: extra });
    const headers = { ...response.headers(), ...extra };
    // route.fetch() hands over the decoded body
    delete headers["content-encoding"];
    delete headers["content-length"];
    await route.fulfill({ response, headers });
  });
  return served;
}
