/**
 * Draws a played lab session into the page: which actions are possible (and why not), the
 * history, the log, the two pictures (through the one registry: renderPictureMarkup), the
 * session as a snippet and as a link. Reads nothing back from the page but the number inputs.
 * Browser-only.
 */
import { type ActionSpec, MAX_TABLE_SIZE, parseAction } from "../../explorer/alphabet";
import { figureSpec } from "../../pictures/client/all-calls";
import { renderPictureMarkup } from "../../pictures/render";
import type { RunHost } from "../../runner/profile";
import { type LabProfile, labSnippet } from "../program";
import { encodeSession, type LabView, type StepReport } from "../session";

/** What the page shows: the session up to `at` actions, as played. */
export interface Shown {
  profile: LabProfile;
  actions: readonly ActionSpec[];
  at: number;
  reports: readonly StepReport[];
  views: readonly LabView[];
  host: RunHost;
}

const q = <T extends Element = HTMLElement>(root: ParentNode, sel: string) => root.querySelector<T>(sel);

/** The action a control stands for now (its number from the input next to it), or a reason why none. */
export function actionOf(root: HTMLElement, kind: string): ActionSpec | string {
  if (kind !== "use" && kind !== "firmware")
    return parseAction(kind === "sysfs" ? "sysfs 64" : kind) ?? "unknown action";
  const input = q<HTMLInputElement>(root, `[data-lab-n="${kind}"]`);
  const text = input?.value.trim() ?? "";
  const a = parseAction(`${kind} ${text}`);
  if (a) return a;
  return kind === "use"
    ? `pick a vector number from 0 to ${MAX_TABLE_SIZE - 1}`
    : `pick a Table Size from 1 to ${MAX_TABLE_SIZE}`;
}

/** Marks every action control possible or not, with the reason beside it. */
export function renderControls(root: HTMLElement, view: LabView | undefined, busy: boolean): void {
  for (const button of root.querySelectorAll<HTMLButtonElement>("[data-lab-action]")) {
    const kind = button.dataset.labAction ?? "";
    const a = actionOf(root, kind);
    const why = typeof a === "string" ? a : view ? a.why(view) : "the lab is starting";
    button.setAttribute("aria-disabled", String(busy || why !== null));
    const note = q(root, `[data-lab-why="${kind}"]`);
    if (note) note.textContent = why === null ? "" : `Not possible: ${why}.`;
  }
}

function stepText(a: ActionSpec, r: StepReport): string {
  const printed = r.printed.join(" ").replace(/\s+/g, " ").trim();
  return `${a.label}${printed ? ` → ${printed}` : ""}`;
}

/** The history: the start and every action, the shown one current, later ones greyed. */
export function renderHistory(
  root: HTMLElement,
  s: Shown,
  all: readonly ActionSpec[],
  printedOf: (i: number) => string,
): void {
  const list = q(root, "[data-lab-history]");
  if (!list) return;
  const items = [list.firstElementChild as HTMLElement];
  all.forEach((a, i) => {
    const li = document.createElement("li");
    const b = document.createElement("button");
    b.type = "button";
    b.className = "msi-lab__step";
    b.dataset.labAt = String(i + 1);
    b.textContent = i < s.at ? printedOf(i) : a.label;
    li.append(b);
    items.push(li);
  });
  list.replaceChildren(...items);
  list.querySelectorAll<HTMLElement>("[data-lab-at]").forEach((b) => {
    const at = Number(b.dataset.labAt);
    if (at === s.at) b.setAttribute("aria-current", "step");
    else b.removeAttribute("aria-current");
    b.classList.toggle("msi-lab__step--after", at > s.at);
  });
}

/** The log: each step's label, what it printed, and QEMU's messages. */
export function logText(s: Shown): string {
  const lines: string[] = [];
  for (let i = 1; i <= s.at; i++) {
    const r = s.reports[i];
    lines.push(`${i}. ${s.actions[i - 1].label}`);
    for (const p of r.printed) lines.push(`   ${p}`);
    for (const l of r.log) lines.push(`   QEMU: ${l}`);
  }
  return lines.length ? lines.join("\n") : "(nothing yet: press an action)";
}

/** The lines the session printed, in order (the copied snippet's expected output). */
export function printedText(s: Shown): string {
  return s.reports
    .slice(1, s.at + 1)
    .flatMap((r) => r.printed)
    .join("\n");
}

/** The markup each picture part was last drawn from. */
const drawn = new WeakMap<Element, string>();

/** Re-draws the figure in `[data-lab-picture=<slot>]` from `trace`, with the spec the build gave it. */
function drawPicture(root: HTMLElement, slot: string, s: Shown, trace: RunHost["trace"]): void {
  const fig = q(root, `[data-lab-picture="${slot}"] figure`);
  if (!fig) return;
  const spec = figureSpec(fig);
  spec.profiles = [s.profile.name];
  const runs = { [s.profile.name]: { hosts: [{ kernel: s.host.kernel, trace }] } };
  const pic = renderPictureMarkup(spec, runs);
  const put = (sel: string, markup: string) => {
    const el = q(fig, sel);
    // Parsing markup is most of a re-draw's cost: a part that has not changed is left alone.
    if (el && drawn.get(el) !== markup) {
      el.innerHTML = markup;
      drawn.set(el, markup);
    }
  };
  put("[data-picture-drawing]", pic.drawing);
  put("[data-picture-table]", pic.table);
  put("[data-picture-legend]", pic.legend);
  fig.dataset.pictureLive = "run";
}

/**
 * Draws what the reader sees of `s`: the controls, the history, the log and the pictures;
 * then marks `data-lab-steps`. The session as code and as a link follow (renderShare).
 */
export function renderShown(root: HTMLElement, s: Shown, all: readonly ActionSpec[]): void {
  renderControls(root, s.views[s.at], false);
  renderHistory(root, s, all, (i) => stepText(s.actions[i], s.reports[i + 1]));
  const log = q(root, "[data-lab-log]");
  if (log) log.textContent = logText(s);
  const last = s.reports[s.at];
  drawPicture(root, "state", s, s.host.trace);
  drawPicture(root, "timeline", s, s.host.trace.slice(last.from, last.to));
  q(root, "[data-lab-undo]")?.setAttribute("aria-disabled", String(s.at === 0));
  q(root, "[data-lab-reset]")?.setAttribute("aria-disabled", String(all.length === 0));
  root.dataset.labSteps = String(s.at);
  root.dataset.labProfile = s.profile.name;
}

/**
 * The session as a snippet and as a link (and in the address bar). Kept apart from
 * renderShown so that the lab can draw the pictures first and do this after the frame:
 * history.replaceState alone costs about as much as a picture.
 */
export function renderShare(root: HTMLElement, s: Shown): void {
  const shown = s.actions.slice(0, s.at);
  const code = q(root, "[data-lab-code]");
  if (code) code.textContent = labSnippet(s.profile, shown, printedText(s));
  const query = encodeSession(s.profile.name, shown);
  const link = q<HTMLAnchorElement>(root, "[data-lab-link]");
  if (link) link.href = `${location.pathname}${query}`;
  if (location.search !== query) history.replaceState(null, "", `${location.pathname}${query}${location.hash}`);
}
