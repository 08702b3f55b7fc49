/**
 * One entry point for every picture: a spec (which snippet, which profile(s),
 * which host, the drawing options) and the runs of the snippet give the drawing,
 * the list of every call, the legend and the caption's warning, as
 * hast trees or as markup. The Astro components call it at build time with runs
 * made in Node; the page's client script calls it again with the worker's runs
 * (validated first) after Run or an edit. Browser-safe.
 */
import type { RunHost } from "../runner/profile";
import { type DrawnPicture, type PictureKind, type PictureSpec, pictureKind } from "./kinds";
import { toMarkup } from "./hast";
import type { TraceEntry } from "./trace-data";

export type { PictureKind, PictureSpec };

/** A run of the snippet under one profile: its hosts (checked data) and the error it stopped with, if any. */
export interface PictureRun {
  hosts: readonly RunHost[];
  error?: { message: string };
}

export interface RenderedPicture extends DrawnPicture {
  /** A visible note when the run itself failed (the picture then shows what ran). */
  warning?: string;
}

/** A rendered picture as markup, escaped by hast-util-to-html. */
export interface PictureMarkup {
  /** The drawing: HTML that is its own text. */
  drawing: string;
  /** Every call (a folded timeline's <details>), or "". */
  table: string;
  legend: string;
  ariaLabel: string;
  warning?: string;
}

/** The trace of host `spec.host` of a run; throws a message that names the snippet when it is missing. */
export function traceOf(run: PictureRun, spec: PictureSpec, profile: string): readonly TraceEntry[] {
  const host = run.hosts[spec.host];
  if (!host) {
    const hosts = `${run.hosts.length} host${run.hosts.length === 1 ? "" : "s"}`;
    const failed = run.error ? ` (the snippet failed: ${run.error.message})` : "";
    throw new RangeError(
      `the picture of snippet "${spec.src}" on ${profile} draws host ${spec.host}, but the run created ${hosts}${failed}`,
    );
  }
  return host.trace;
}

/** The traces a spec draws, one per profile, in its order; a clear error for a missing run or host. */
function tracesOf(
  spec: PictureSpec,
  runs: Readonly<Record<string, PictureRun>>,
): { entry: ReturnType<typeof pictureKind>; traces: (readonly TraceEntry[])[] } {
  const entry = pictureKind(spec.kind);
  if (spec.profiles.length !== entry.count)
    throw new RangeError(
      `a ${spec.kind} picture draws ${entry.count} profile(s), the spec names ${spec.profiles.length}`,
    );
  const traces = spec.profiles.map((p) => {
    const run = Object.hasOwn(runs, p) ? runs[p] : undefined;
    if (!run) throw new RangeError(`no run of "${spec.src}" on ${p}`);
    return traceOf(run, spec, p);
  });
  return { entry, traces };
}

/** Renders a picture from runs keyed by profile. */
export function renderPicture(spec: PictureSpec, runs: Readonly<Record<string, PictureRun>>): RenderedPicture {
  const { entry, traces } = tracesOf(spec, runs);
  const warning =
    spec.profiles
      .filter((p) => runs[p].error)
      .map(
        (p) =>
          `The run on ${p} stopped with an error (${runs[p].error?.message}); the picture shows the calls made before it.`,
      )
      .join(" ") || undefined;
  return { ...entry.draw(traces, spec), warning };
}

/** Renders a picture as markup (for set:html at build time and innerHTML in the page). */
export function renderPictureMarkup(spec: PictureSpec, runs: Readonly<Record<string, PictureRun>>): PictureMarkup {
  const p = renderPicture(spec, runs);
  return {
    drawing: toMarkup(p.drawing),
    table: p.table ? toMarkup(p.table) : "",
    legend: toMarkup(p.legend),
    ariaLabel: p.ariaLabel,
    warning: p.warning,
  };
}

/**
 * Every call of a picture's run as markup, for the "all calls" <details> of a kind that
 * lists only what it draws (the page builds it when a reader opens it); "" for other kinds.
 */
export function renderAllCallsMarkup(spec: PictureSpec, runs: Readonly<Record<string, PictureRun>>): string {
  const { entry, traces } = tracesOf(spec, runs);
  return entry.allCalls ? entry.allCalls(traces, spec).map(toMarkup).join("") : "";
}
