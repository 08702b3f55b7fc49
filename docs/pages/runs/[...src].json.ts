/**
 * One JSON file per snippet with its published runs, built statically: the kernel and
 * the trace of each host, per declared profile, as the build drew its pictures from
 * them (docs/components/picture-runs.ts). A picture's "all calls" list is built from it
 * in the page when a reader opens it (src/pictures/client/all-calls.ts), so the full
 * trace is not in the page's HTML.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import type { PictureRun } from "../../../src/pictures/render";
import { runForPicture } from "../../components/picture-runs";
import { loadSnippet, snippetNames } from "../../components/snippet-sources";

export const getStaticPaths = (() => snippetNames().map((src) => ({ params: { src } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const src = String(params.src);
  const snippet = loadSnippet(src);
  const runs: Record<string, PictureRun> = {};
  for (const { profile } of snippet.outputs) runs[profile] = runForPicture(src, profile, snippet.body);
  return new Response(JSON.stringify({ src, runs }), { headers: { "content-type": "application/json" } });
};
