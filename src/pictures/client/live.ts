/**
 * Re-draws the pictures of a snippet after the in-page runner ran it (Run, or a
 * Run of the reader's edit). Loaded by PictureFrame.astro's bootstrap only when
 * the runner's "msi-snippet-run" event names a snippet that has pictures on the
 * page. Uses the same pure render functions as the build (src/pictures/render.ts).
 */
import { type PictureRun, type PictureSpec, renderPicture } from "../render";

/** The detail of the runner's "msi-snippet-run" event (src/runner/client/runner.ts). */
export interface RunDetail {
  /** The snippet, "<group>/<page>/<name>". */
  src?: string;
  profile: string;
  /** The run: output, error, and the hosts with their traces. */
  result: { hosts?: PictureRun["hosts"]; error?: { message: string } };
  /** The reader's edited code, or undefined for the snippet as published. */
  code?: string;
}

/** The latest runs per snippet, for one version of its code (an edit starts afresh). */
const latest = new Map<string, { code: string | undefined; runs: Record<string, PictureRun> }>();

export function redraw(src: string, detail: RunDetail): void {
  if (!detail || typeof detail.profile !== "string") return;
  let entry = latest.get(src);
  if (!entry || entry.code !== detail.code) {
    entry = { code: detail.code, runs: {} };
    latest.set(src, entry);
  }
  entry.runs[detail.profile] = { hosts: detail.result?.hosts ?? [], error: detail.result?.error };
  const edited = detail.code !== undefined;
  for (const fig of document.querySelectorAll<HTMLElement>(`figure[data-picture-for="${CSS.escape(src)}"]`)) {
    const live = fig.querySelector<HTMLElement>("[data-picture-live]");
    const say = (text: string) => {
      if (live) live.textContent = text;
    };
    let spec: PictureSpec;
    try {
      spec = JSON.parse(fig.dataset.pictureSpec ?? "") as PictureSpec;
    } catch {
      continue;
    }
    if (!spec.profiles.includes(detail.profile)) continue;
    const missing = spec.profiles.filter((p) => !entry.runs[p]);
    if (missing.length > 0) {
      say(`Run the ${edited ? "edited " : ""}snippet on ${missing.join(" and ")} too to re-draw this comparison.`);
      continue;
    }
    try {
      const pic = renderPicture(spec, entry.runs);
      const svg = fig.querySelector<HTMLElement>("[data-picture-svg]");
      const table = fig.querySelector<HTMLElement>("[data-picture-table]");
      if (svg) svg.innerHTML = pic.svg;
      if (table) table.innerHTML = pic.table;
      fig.dataset.pictureLive = edited ? "edited" : "run";
      say(
        `Re-drawn from your run${edited ? " of the edited snippet" : ""} on ${spec.profiles.join(" and ")}.${pic.warning ? ` ${pic.warning}` : ""}`,
      );
    } catch (e) {
      say(`Not re-drawn: ${(e as Error).message}. The picture still shows the published run.`);
    }
  }
}
