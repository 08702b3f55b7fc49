/**
 * One entry point for every picture: a spec (which snippet, which profile(s),
 * which host, the drawing options) and the runs of the snippet give the SVG, the
 * text alternative and the caption. The Astro components call it at build time
 * with runs made in Node; the page's client script calls it again with the
 * worker's runs after Run or an edit. Browser-safe.
 */
import { buildSideBySide, renderSideBySideSvg, renderSideBySideTable } from "./side-by-side";
import { buildStateView, renderStateViewSvg, renderStateViewTable } from "./state-view";
import { buildTimeline, renderTimelineSvg, renderTimelineTable } from "./timeline";
import { asTrace, type PictureHost, type TraceEntry } from "./trace-data";

export type PictureKind = "timeline" | "state" | "side-by-side";

/** What a picture draws; serialised into the figure's data-picture-spec for the re-draw. */
export interface PictureSpec {
  kind: PictureKind;
  /** The snippet, "<group>/<page>/<name>". */
  src: string;
  /** The snippet's title (its `// Shows:` line). */
  title: string;
  /** One profile; two for side by side (left, right). */
  profiles: string[];
  /** Which host of the run (0 = the first createHost()). */
  host: number;
  /** Timeline: draw every call. */
  full?: boolean;
  /** Timeline: rows around each failure when folding. */
  window?: number;
  /** Timeline: functions always drawn. */
  focus?: string[];
  /** State view: the device (default: the one most actions concern). */
  bdf?: string;
  /** State view: also draw steps that changed nothing. */
  all?: boolean;
}

/** A run of the snippet under one profile, as the runner core returns it. */
export interface PictureRun {
  hosts: readonly PictureHost[];
  error?: { message: string };
}

export interface RenderedPicture {
  svg: string;
  /** The text alternative (HTML, <details> with tables). */
  table: string;
  ariaLabel: string;
  /** A visible note when the run itself failed (the picture then shows what ran). */
  warning?: string;
}

/** The trace of host `index` of a run; throws a message that names the snippet when it is missing. */
export function traceOf(run: PictureRun, spec: PictureSpec, profile: string): TraceEntry[] {
  const host = run.hosts[spec.host];
  if (!host) {
    throw new RangeError(
      `the picture of snippet "${spec.src}" on ${profile} draws host ${spec.host}, but the run created ${run.hosts.length} host${run.hosts.length === 1 ? "" : "s"}` +
        (run.error ? ` (the snippet failed: ${run.error.message})` : ""),
    );
  }
  return asTrace(host.trace);
}

/** Renders a picture from runs keyed by profile. */
export function renderPicture(spec: PictureSpec, runs: Readonly<Record<string, PictureRun>>): RenderedPicture {
  const runOf = (p: string) => {
    const r = runs[p];
    if (!r) throw new RangeError(`no run of "${spec.src}" on ${p}`);
    return r;
  };
  const failed = spec.profiles.map((p) => ({ p, e: runs[p]?.error })).filter((x) => x.e);
  const warning = failed.length
    ? failed
        .map(
          (x) =>
            `The run on ${x.p} stopped with an error (${x.e?.message}); the picture shows the calls made before it.`,
        )
        .join(" ")
    : undefined;
  if (spec.kind === "timeline") {
    const p = spec.profiles[0];
    const t = buildTimeline(traceOf(runOf(p), spec, p), {
      title: spec.title,
      profile: p,
      full: spec.full,
      window: spec.window,
      focus: spec.focus,
    });
    return { svg: renderTimelineSvg(t), table: renderTimelineTable(t), ariaLabel: t.ariaLabel, warning };
  }
  if (spec.kind === "state") {
    const p = spec.profiles[0];
    const v = buildStateView(traceOf(runOf(p), spec, p), {
      title: spec.title,
      profile: p,
      bdf: spec.bdf,
      all: spec.all,
    });
    return { svg: renderStateViewSvg(v), table: renderStateViewTable(v), ariaLabel: v.ariaLabel, warning };
  }
  const [pa, pb] = spec.profiles;
  const s = buildSideBySide(traceOf(runOf(pa), spec, pa), traceOf(runOf(pb), spec, pb), {
    title: spec.title,
    profiles: [pa, pb],
  });
  return { svg: renderSideBySideSvg(s), table: renderSideBySideTable(s), ariaLabel: s.ariaLabel, warning };
}
