/**
 * Every snippet file, read at build time through Vite (so `astro dev` reloads a
 * page when its snippet changes), parsed with the same parser the tests use.
 */
import { type ParsedSnippet, parseSnippet } from "../../src/snippet/file";
import { snippetPath } from "../../src/snippet/id";

const files = import.meta.glob<string>("/snippets/**/*.ts", { query: "?raw", import: "default", eager: true });

/** All snippet names ("<group>/<page>/<name>"). */
export function snippetNames(): string[] {
  return Object.keys(files)
    .map((k) => k.replace(/^\/snippets\//, "").replace(/\.ts$/, ""))
    .sort();
}

/** Loads and parses a snippet; throws a build error that names the page when it is missing. */
export function loadSnippet(src: string | undefined, page = "a page"): ParsedSnippet {
  if (typeof src !== "string" || src.trim() === "") {
    // Not "there is no snippets/undefined.ts": say what is wrong; `npm test` names the MDX line.
    throw new Error(
      `${page} has a <Snippet> without src: give it src="<group>/<page>/<name>" (npm test names the line)`,
    );
  }
  const text = files[`/${snippetPath(src)}`];
  if (text === undefined) {
    throw new Error(`${page} embeds <Snippet src="${src}">, but there is no ${snippetPath(src)}`);
  }
  return parseSnippet(text);
}
