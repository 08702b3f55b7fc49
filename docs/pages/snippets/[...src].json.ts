/**
 * One JSON file per snippet, built statically: what the in-page runner fetches
 * when the reader presses Run. It carries the same body CI runs, precompiled by
 * the same compileSnippet(), so an unedited Run needs no transpiler in the page.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import type { SnippetData } from "../../../src/runner/client/snippet-data";
import { compileSnippet } from "../../../src/runner/compile";
import { loadSnippet, snippetNames } from "../../components/snippet-sources";

export const getStaticPaths = (() => snippetNames().map((src) => ({ params: { src } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const src = String(params.src);
  const snippet = loadSnippet(src);
  const compiled = compileSnippet(snippet.body);
  if (!compiled.ok) throw new Error(`snippets/${src}.ts does not compile: ${compiled.error.message}`);
  return new Response(
    JSON.stringify({
      src,
      title: snippet.title,
      body: snippet.body,
      bodyOffset: snippet.bodyOffset,
      js: compiled.js,
      mappings: compiled.mappings,
      outputs: snippet.outputs.map(({ profile, text }) => ({ profile, text })),
    } satisfies SnippetData),
    { headers: { "content-type": "application/json" } },
  );
};
