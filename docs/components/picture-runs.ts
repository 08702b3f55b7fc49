/**
 * Build-time side of the pictures: runs a snippet in Node (the same runner core
 * the docs tests and the page use, under the same time limit) once per snippet
 * and profile, and checks what a picture asks for against what the snippet
 * declares, with build errors that name the page.
 */
import { runSnippetInNode } from "../../src/node/run";
import { PICTURE_KINDS, type PictureKind, type PictureSpec, resolvePictureProfiles } from "../../src/pictures/kinds";
import type { PictureRun } from "../../src/pictures/render";
import { validateRunHosts } from "../../src/runner/validate-run";
import { snippetPath } from "../../src/snippet/id";
import { loadSnippet } from "./snippet-sources";

const runs = new Map<string, PictureRun>();

/** The run of snippet `src` under `profile` (cached for the whole build). */
export function runForPicture(src: string, profile: string, body: string): PictureRun {
  const key = `${src}\u0000${profile}`;
  let run = runs.get(key);
  if (!run) {
    const r = runSnippetInNode(body, profile);
    // Plain data only, as the worker posts it: the kernel and the trace (a copy) of each host.
    // Checked as the page checks the worker's data, so the build never draws what the page would refuse.
    const hosts = validateRunHosts(r.hosts.map((h) => ({ kernel: h.kernel, trace: h.trace })));
    run = { hosts, error: r.error };
    runs.set(key, run);
  }
  return run;
}

export interface PictureProps {
  src: string;
  host?: number;
}

/**
 * Resolves the profiles of a picture: the ones named (a space-separated list),
 * or the snippet's first declared profile(s). Throws a build error for a missing
 * snippet or a profile the snippet does not declare.
 */
export function specFor(
  kind: PictureKind,
  props: PictureProps,
  named: string | undefined,
  page: string,
): { spec: PictureSpec; runs: Record<string, PictureRun> } {
  const snippet = loadSnippet(props.src, page);
  const resolved = resolvePictureProfiles(
    PICTURE_KINDS[kind].component,
    props.src,
    snippetPath(props.src),
    named ? named.split(/\s+/).filter(Boolean) : [],
    snippet.outputs.map((o) => o.profile),
  );
  if ("error" in resolved) throw new Error(`${page}: ${resolved.error}`);
  const { profiles } = resolved;
  const spec: PictureSpec = { kind, src: props.src, title: snippet.title, profiles, host: props.host ?? 0 };
  const result: Record<string, PictureRun> = {};
  for (const p of profiles) result[p] = runForPicture(props.src, p, snippet.body);
  return { spec, runs: result };
}
