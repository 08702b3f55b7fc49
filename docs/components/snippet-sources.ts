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
export function loadSnippet(src: string, page = "a page"): ParsedSnippet {
  const text = files[`/${snippetPath(src)}`];
  if (text === undefined) {
    throw new Error(`${page} embeds <Snippet src="${src}">, but there is no ${snippetPath(src)}`);
  }
  return parseSnippet(text);
}
