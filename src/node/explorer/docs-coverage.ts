/**
 * Which lifecycle transitions the docs' snippets reach: every snippet a page embeds is run under
 * every profile it declares (with the same runner as the docs tests), and the trace of every host
 * it creates is read with transitionsOf(). Node-only (it reads the docs tree); used by the
 * coverage test and, at build time, by the table on "How these docs test themselves".
 */

import type { TraceEntry } from "msi-lifecycle";
import { NOT_SHOWN, TRANSITIONS, transitionsOf } from "../../explorer/transitions";
import { collectDocs, type DocsLayout } from "../collect";
import { runSnippetInNode } from "../run";

/** One snippet that reaches a transition, and where it is shown. */
export interface SnippetReach {
  /** "<group>/<page>/<name>" */
  src: string;
  /** The page that embeds it, relative to the repository root. */
  page: string;
  /** The profiles under which its run takes the transition. */
  profiles: string[];
}

export interface TransitionCoverage {
  id: string;
  sentence: string;
  snippets: SnippetReach[];
  /** The reason it is deliberately not shown, if it is listed in NOT_SHOWN. */
  notShown?: string;
}

export interface DocsCoverage {
  transitions: TransitionCoverage[];
  /** Snippet runs that failed to run at all (the docs tests report them in detail). */
  errors: { src: string; profile: string; message: string }[];
  /** Problems with NOT_SHOWN: unknown ids, or listed transitions that a snippet reaches. */
  problems: string[];
}

/** The docs layout of this repository, under `root`. */
export function docsLayout(root: string): DocsLayout {
  return { root, pagesDir: "docs/content/docs", snippetsDir: "snippets" };
}

/** Runs every embedded snippet under each of its profiles and collects the transitions reached. */
export function docsCoverage(layout: DocsLayout): DocsCoverage {
  const { cases } = collectDocs(layout);
  const reach = new Map<string, Map<string, SnippetReach>>(TRANSITIONS.map((t) => [t.id, new Map()]));
  const errors: DocsCoverage["errors"] = [];
  const done = new Set<string>();
  for (const c of cases) {
    if (done.has(c.src)) continue; // a snippet embedded twice runs the same way twice
    done.add(c.src);
    for (const { profile } of c.snippet.outputs) {
      const run = runSnippetInNode(c.snippet.body, profile);
      if (run.error) errors.push({ src: c.src, profile, message: run.error.message });
      for (const host of run.hosts) {
        for (const id of transitionsOf(host.trace as TraceEntry[])) {
          const bySrc = reach.get(id)!;
          const r = bySrc.get(c.src) ?? { src: c.src, page: c.page, profiles: [] };
          if (!r.profiles.includes(profile)) r.profiles.push(profile);
          bySrc.set(c.src, r);
        }
      }
    }
  }
  const known = new Set(TRANSITIONS.map((t) => t.id));
  const problems: string[] = [];
  for (const id of Object.keys(NOT_SHOWN)) {
    if (!known.has(id)) problems.push(`NOT_SHOWN lists "${id}", which is not a transition in TRANSITIONS`);
    else if (reach.get(id)!.size > 0) {
      const srcs = [...reach.get(id)!.keys()];
      const by = srcs.length > 3 ? `${srcs.slice(0, 3).join(", ")} and ${srcs.length - 3} more` : srcs.join(", ");
      problems.push(`NOT_SHOWN lists "${id}" as not shown, but ${by} reaches it: remove it from NOT_SHOWN`);
    }
  }
  const transitions = TRANSITIONS.map((t) => ({
    id: t.id,
    sentence: t.sentence,
    snippets: [...reach.get(t.id)!.values()].sort((a, b) => a.src.localeCompare(b.src)),
    ...(NOT_SHOWN[t.id] !== undefined ? { notShown: NOT_SHOWN[t.id] } : {}),
  }));
  for (const t of transitions) {
    if (t.snippets.length === 0 && t.notShown === undefined) {
      problems.push(
        `no snippet on any page reaches "${t.id}" (${t.sentence}): show it in a snippet, or list it in NOT_SHOWN (src/explorer/transitions.ts) with the reason`,
      );
    }
  }
  return { transitions, errors, problems };
}
