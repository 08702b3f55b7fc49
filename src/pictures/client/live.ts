/**
 * Re-draws the pictures of a snippet after the in-page runner ran it (Run, or a
 * Run of the reader's edit). Loaded by PictureFrame.astro's bootstrap only when
 * the runner's "msi-snippet-run" event names a snippet that has pictures on the
 * page. What the worker sent is checked first (validateRunHosts): an edited
 * snippet runs there, so its data is untrusted; the pictures are drawn from the
 * checked copy by the same pure functions as the build, as hast trees whose
 * markup hast-util-to-html escapes.
 */
import { validateRunHosts } from "../../runner/validate-run";
import { type PictureRun, type PictureSpec, renderPictureMarkup } from "../render";
import { figureSpec, forgetRuns, rememberRuns } from "./all-calls";

/** The detail of the runner's "msi-snippet-run" event (src/runner/client/runner.ts). */
export interface RunDetail {
  /** The snippet, "<group>/<page>/<name>". */
  src?: string;
  profile: string;
  /** The run: output, error, and the hosts with their traces, as the worker posted them (unchecked). */
  result: { hosts?: unknown; error?: { message?: unknown } };
  /** The reader's edited code, or undefined for the snippet as published. */
  code?: string;
}

/** The latest runs per snippet, for one version of its code (an edit starts afresh). */
const latest = new Map<string, { code: string | undefined; runs: Record<string, PictureRun> }>();

/** The parts of a figure that a re-draw replaces. */
const PARTS = ["[data-picture-drawing]", "[data-picture-table]", "[data-picture-legend]"] as const;

/** What a figure showed as built (its published run), kept before its first re-draw, for Reset. */
interface Published {
  parts: Map<string, string>;
  warning: { text: string; hidden: HTMLElement["hidden"] } | undefined;
}
const published = new WeakMap<HTMLElement, Published>();

function keepPublished(fig: HTMLElement): void {
  if (published.has(fig)) return;
  const parts = new Map<string, string>();
  for (const selector of PARTS) {
    const el = fig.querySelector<HTMLElement>(selector);
    if (el) parts.set(selector, el.innerHTML);
  }
  const w = fig.querySelector<HTMLElement>("[data-picture-warning]");
  published.set(fig, { parts, warning: w ? { text: w.textContent ?? "", hidden: w.hidden } : undefined });
}

/** What a figure shows now, in words, for a message that says the re-draw did not happen. */
function shows(fig: HTMLElement): string {
  const drawn = fig.dataset.pictureLive;
  return drawn === "edited"
    ? "your earlier run of the edited snippet"
    : drawn === "run"
      ? "your earlier run"
      : "the published run";
}

/** Checks the run's data; the message of the check, or the run. */
function checkedRun(detail: RunDetail): PictureRun | string {
  try {
    const hosts = validateRunHosts(detail.result?.hosts ?? []);
    const message = detail.result?.error?.message;
    return message === undefined ? { hosts } : { hosts, error: { message: String(message) } };
  } catch (e) {
    return (e as Error).message;
  }
}

function draw(fig: HTMLElement, spec: PictureSpec, runs: Record<string, PictureRun>, edited: boolean): string {
  const pic = renderPictureMarkup(spec, runs);
  keepPublished(fig);
  const put = (selector: string, markup: string) => {
    const el = fig.querySelector<HTMLElement>(selector);
    if (el) el.innerHTML = markup;
  };
  put("[data-picture-drawing]", pic.drawing);
  put("[data-picture-table]", pic.table);
  put("[data-picture-legend]", pic.legend);
  const warning = fig.querySelector<HTMLElement>("[data-picture-warning]");
  if (warning) {
    warning.textContent = pic.warning ?? "";
    warning.hidden = !pic.warning;
  }
  rememberRuns(fig, runs);
  fig.dataset.pictureLive = edited ? "edited" : "run";
  const said = `Re-drawn from your run${edited ? " of the edited snippet" : ""} on ${spec.profiles.join(" and ")}.`;
  return pic.warning ? `${said} ${pic.warning}` : said;
}

export function redraw(src: string, detail: RunDetail): void {
  if (!detail || typeof detail.profile !== "string") return;
  const run = checkedRun(detail);
  let entry = latest.get(src);
  if (typeof run !== "string" && (!entry || entry.code !== detail.code)) {
    entry = { code: detail.code, runs: {} };
    latest.set(src, entry);
  }
  if (typeof run !== "string" && entry) entry.runs[detail.profile] = run;
  const edited = detail.code !== undefined;
  for (const fig of document.querySelectorAll<HTMLElement>(`figure[data-picture-for="${CSS.escape(src)}"]`)) {
    const live = fig.querySelector<HTMLElement>("[data-picture-live]");
    const say = (text: string) => {
      if (live) live.textContent = text;
    };
    let spec: PictureSpec;
    try {
      spec = figureSpec(fig);
    } catch {
      continue;
    }
    if (!Array.isArray(spec.profiles) || !spec.profiles.includes(detail.profile)) continue;
    if (typeof run === "string") {
      say(`Not re-drawn: ${run}. The picture still shows ${shows(fig)}.`);
      continue;
    }
    const runs = entry?.runs ?? {};
    const missing = spec.profiles.filter((p) => !runs[p]);
    if (missing.length > 0) {
      say(
        `Run the ${edited ? "edited " : ""}snippet on ${missing.join(" and ")} too to re-draw this comparison. The picture still shows ${shows(fig)}.`,
      );
      continue;
    }
    try {
      say(draw(fig, spec, runs, edited));
    } catch (e) {
      say(`Not re-drawn: ${(e as Error).message}. The picture still shows ${shows(fig)}.`);
    }
  }
}

/**
 * Reset of a snippet (the runner's "msi-snippet-reset" event): its figures show the
 * published run again, exactly as built, and the runs kept for re-drawing are dropped.
 */
export function restore(src: string): void {
  latest.delete(src);
  for (const fig of document.querySelectorAll<HTMLElement>(`figure[data-picture-for="${CSS.escape(src)}"]`)) {
    const kept = published.get(fig);
    const live = fig.querySelector<HTMLElement>("[data-picture-live]");
    forgetRuns(fig);
    if (kept) {
      for (const [selector, markup] of kept.parts) {
        const el = fig.querySelector<HTMLElement>(selector);
        if (el) el.innerHTML = markup;
      }
      const w = fig.querySelector<HTMLElement>("[data-picture-warning]");
      if (w && kept.warning) {
        w.textContent = kept.warning.text;
        w.hidden = kept.warning.hidden;
      }
    }
    const wasLive = fig.dataset.pictureLive !== undefined || !!live?.textContent;
    delete fig.dataset.pictureLive;
    if (live) live.textContent = wasLive ? "Reset: the picture shows the published run again." : "";
  }
}
