/**
 * The "all calls" list of a picture (a timeline's text alternative lists only the
 * calls its drawing shows): built when a reader opens its <details>, from the runs
 * the figure is drawn from. Those are the reader's own runs after a re-draw (live.ts
 * and the lab remember them here), else the published runs, fetched from the JSON
 * the build wrote for the snippet (docs/pages/runs/[...src].json.ts) and checked like
 * a worker's data. Loaded by the runner's bootstrap (SnippetRunner.astro) or the lab on
 * the first open; it links the list's styles (all-calls.css) then.
 */
import { linkStylesheet } from "../../runner/client/dom";
import { validateRunHosts } from "../../runner/validate-run";
import { snippetRunsUrl } from "../../snippet/id";
import { type PictureRun, type PictureSpec, renderAllCallsMarkup } from "../render";
import listStyles from "./all-calls.css?url";

/**
 * The spec a figure draws: its data-picture-spec, with the kind and the snippet taken from the
 * figure's data-picture and data-picture-for (PictureFrame.astro does not repeat them); throws
 * on malformed JSON.
 */
export function figureSpec(fig: HTMLElement): PictureSpec {
  const rest = JSON.parse(fig.dataset.pictureSpec ?? "") as Omit<PictureSpec, "kind" | "src">;
  return { ...rest, kind: fig.dataset.picture as PictureSpec["kind"], src: fig.dataset.pictureFor ?? "" };
}

/** The runs a figure was last re-drawn from in the page; absent: it shows the published run. */
const drawnFrom = new WeakMap<HTMLElement, Readonly<Record<string, PictureRun>>>();

/** Records the runs `fig` is now drawn from (after a re-draw in the page). */
export function rememberRuns(fig: HTMLElement, runs: Readonly<Record<string, PictureRun>>): void {
  drawnFrom.set(fig, { ...runs });
}

/** `fig` shows its published run again (Reset). */
export function forgetRuns(fig: HTMLElement): void {
  drawnFrom.delete(fig);
}

/** The published runs of the figure's snippet, checked; a clear error when missing or malformed. */
async function publishedRuns(spec: PictureSpec): Promise<Record<string, PictureRun>> {
  const url = snippetRunsUrl(import.meta.env.BASE_URL, spec.src);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for the run data of ${spec.src}`);
  const data = (await response.json()) as { runs?: Record<string, { hosts?: unknown; error?: { message?: unknown } }> };
  const runs: Record<string, PictureRun> = {};
  for (const p of spec.profiles) {
    const run = data?.runs && Object.hasOwn(data.runs, p) ? data.runs[p] : undefined;
    if (!run) throw new Error(`the run data of ${spec.src} has no run on ${p}`);
    const message = run.error?.message;
    const hosts = validateRunHosts(run.hosts ?? []);
    runs[p] = message === undefined ? { hosts } : { hosts, error: { message: String(message) } };
  }
  return runs;
}

/** Fills an opened "all calls" <details> (once per drawing: a re-draw puts a fresh one in). */
export async function fillAllCalls(details: HTMLElement): Promise<void> {
  const body = details.querySelector<HTMLElement>(":scope > [data-picture-all-body]");
  const fig = details.closest<HTMLElement>("figure[data-picture-spec]");
  if (!body || !fig || details.dataset.pictureAllFilled !== undefined) return;
  details.dataset.pictureAllFilled = "";
  linkStylesheet(listStyles);
  body.textContent = "Listing the calls …";
  try {
    const spec = figureSpec(fig);
    const runs = drawnFrom.get(fig) ?? (await publishedRuns(spec));
    const list = document.createElement("div");
    list.className = "msi-pic__all-list";
    list.innerHTML = renderAllCallsMarkup(spec, runs);
    body.replaceWith(list);
  } catch (e) {
    body.textContent = `The calls could not be listed: ${(e as Error).message}.`;
    delete details.dataset.pictureAllFilled;
  }
}
