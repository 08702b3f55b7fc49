/**
 * The one registry of picture kinds: for each, the MDX component that embeds it,
 * the attribute and number of kernel profiles it draws, the caption's lead, and
 * the function that draws it from the runs' traces. The docs collection, the
 * build (docs/components) and the page's re-draw all read it. Pure and
 * browser-safe.
 */

import { buildSideBySide } from "./side-by-side";
import { renderSideBySideDrawing, renderSideBySideLegend } from "./side-by-side-draw";
import { buildStateView } from "./state-view";
import { renderStateViewDrawing } from "./state-view-draw";
import { renderStateViewLegend } from "./state-view-text";
import type { Element } from "./hast";
import { buildTimeline } from "./timeline";
import { renderTimelineDrawing } from "./timeline-draw";
import { renderTimelineCalls, renderTimelineLegend, renderTimelineTable } from "./timeline-text";
import type { TraceEntry } from "./trace-data";

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

/**
 * A picture drawn, as hast trees: the drawing (HTML that is its own text, named by its
 * summary, wrapping to the column), the list of every call when the drawing folds, the legend.
 */
export interface DrawnPicture {
  drawing: Element;
  /** Every call, built in the page when opened (a timeline that folds); none otherwise. */
  table?: Element;
  /** What the marks and colours mean (visible). */
  legend: Element;
  ariaLabel: string;
}

export interface PictureKindEntry {
  kind: PictureKind;
  /** The MDX component that embeds it (docs/components/<component>.astro). */
  component: "Timeline" | "StateView" | "SideBySide";
  /** The component's attribute naming the profile(s). */
  profileAttr: "profile" | "profiles";
  /** How many profiles it draws: one trace, or two side by side. */
  count: 1 | 2;
  /** The caption's first sentence. */
  lead(title: string): string;
  /** Draws it from the traces of the spec's host, one per profile, in the spec's order. */
  draw(traces: readonly (readonly TraceEntry[])[], spec: PictureSpec): DrawnPicture;
  /**
   * Every call, for a kind whose text alternative lists only what the drawing shows: the
   * content of its "all calls" <details>, built in the page when a reader opens it.
   */
  allCalls?(traces: readonly (readonly TraceEntry[])[], spec: PictureSpec): Element[];
}

function timelineOptions(spec: PictureSpec) {
  return { title: spec.title, profile: spec.profiles[0], full: spec.full, window: spec.window, focus: spec.focus };
}

export const PICTURE_KINDS: Readonly<Record<PictureKind, PictureKindEntry>> = {
  timeline: {
    kind: "timeline",
    component: "Timeline",
    profileAttr: "profile",
    count: 1,
    lead: (title) => `Call timeline of “${title}”.`,
    draw([trace], spec) {
      const t = buildTimeline(trace, timelineOptions(spec));
      const table = renderTimelineTable(t);
      return { drawing: renderTimelineDrawing(t), table, legend: renderTimelineLegend(t), ariaLabel: t.ariaLabel };
    },
    allCalls: ([trace], spec) => renderTimelineCalls(buildTimeline(trace, timelineOptions(spec))),
  },
  state: {
    kind: "state",
    component: "StateView",
    profileAttr: "profile",
    count: 1,
    lead: (title) => `The device's state after each step of “${title}”.`,
    draw([trace], spec) {
      const v = buildStateView(trace, { title: spec.title, profile: spec.profiles[0], bdf: spec.bdf, all: spec.all });
      return { drawing: renderStateViewDrawing(v), legend: renderStateViewLegend(v), ariaLabel: v.ariaLabel };
    },
  },
  "side-by-side": {
    kind: "side-by-side",
    component: "SideBySide",
    profileAttr: "profiles",
    count: 2,
    lead: (title) => `“${title}” on two kernels, side by side.`,
    draw([a, b], spec) {
      const sb = buildSideBySide(a, b, { title: spec.title, profiles: [spec.profiles[0], spec.profiles[1]] });
      return { drawing: renderSideBySideDrawing(sb), legend: renderSideBySideLegend(sb), ariaLabel: sb.ariaLabel };
    },
  },
};

/** The registry by MDX component name (no prototype: only the three names are found). */
export const PICTURE_COMPONENTS: Readonly<Record<string, PictureKindEntry | undefined>> = Object.assign(
  Object.create(null),
  Object.fromEntries(Object.values(PICTURE_KINDS).map((k) => [k.component, k])),
);

/** The entry of a kind; a clear error for anything else (a spec read back from the page is data). */
export function pictureKind(kind: unknown): PictureKindEntry {
  if (typeof kind === "string" && Object.hasOwn(PICTURE_KINDS, kind)) return PICTURE_KINDS[kind as PictureKind];
  throw new TypeError(`unknown picture kind ${JSON.stringify(kind)}; known: ${Object.keys(PICTURE_KINDS).join(", ")}`);
}

/**
 * The profiles `component` draws for snippet `src` (file `file`): the ones named on the element,
 * or the snippet's first declared ones. An error message when a profile is not declared by the
 * snippet or the number of profiles does not fit the component. Shared by the docs collection
 * (a problem in the test suite) and the build (an error naming the page).
 */
export function resolvePictureProfiles(
  component: string,
  src: string,
  file: string,
  named: readonly string[],
  declared: readonly string[],
): { profiles: string[] } | { error: string } {
  const want = PICTURE_COMPONENTS[component]?.count;
  if (want === undefined) return { error: `<${component}> is not a picture component` };
  const profiles = named.length > 0 ? [...named] : declared.slice(0, want);
  const undeclared = profiles.filter((p) => !declared.includes(p));
  if (undeclared.length > 0) {
    return {
      error: `<${component} src="${src}"> draws profile ${undeclared.join(", ")}, which ${file} does not declare (it declares ${declared.join(", ")})`,
    };
  }
  if (profiles.length !== want) {
    return {
      error: `<${component} src="${src}"> needs ${want} profile${want === 1 ? "" : "s"}, got ${profiles.length}`,
    };
  }
  return { profiles };
}
