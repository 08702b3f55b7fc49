/**
 * The lab page's controller (docs/components/Lab.astro): keeps the session (profile, actions,
 * how many are shown), plays it in the snippet worker on every change (playInWorker), and has
 * render.ts draw the result. A link's query is read strictly (decodeSession): a bad one gets a
 * message and an empty lab. Browser-only.
 */
import type { ActionSpec } from "../../explorer/alphabet";
import { WorkerClient } from "../../runner/client/worker-client";
import type { LabProfile } from "../program";
import { decodeSession, LabDataError } from "../session";
import { actionOf, renderControls, renderShare, renderShown, type Shown } from "./render";
import { type LabWorker, playInWorker } from "./run";

/** Reads the profiles the build wrote into the page (data: checked like any other). */
function readProfiles(root: HTMLElement): LabProfile[] {
  const data: unknown = JSON.parse(root.dataset.labProfiles ?? "[]");
  if (!Array.isArray(data)) throw new LabDataError("the page lists no profiles");
  const strings = (o: unknown) => !!o && typeof o === "object" && Object.values(o).every((v) => typeof v === "string");
  return data.map((p) => {
    const ok = p && typeof p.name === "string" && strings(p.options) && strings(p.code);
    if (!ok) throw new LabDataError("the page's profile list is malformed");
    return { name: p.name, options: { ...p.options }, code: { ...p.code } };
  });
}

/** How long a play may take before the controls show that the lab is busy. */
const BUSY_SHOWN_MS = 150;

/** Resolves after the next frame has been drawn (or after 100 ms where no frame comes, as in a hidden tab). */
function afterFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

export class Lab {
  private actions: ActionSpec[] = [];
  private at = 0;
  private shown?: Shown;
  private seq = 0;
  private busy = false;
  /** performance.now() of the last action's click, and of its pictures drawn: the latency the page reports. */
  private clicked = 0;
  private drawn = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly worker: LabWorker,
    private readonly profiles: LabProfile[],
    private profile: LabProfile,
  ) {}

  /** Starts from the link in the query, or from the starting point. */
  async open(query: string): Promise<void> {
    let message = "";
    try {
      const s = decodeSession(query, this.profiles);
      if (s) {
        this.profile = this.profiles.find((p) => p.name === s.profile) ?? this.profile;
        this.actions = s.actions;
        this.at = s.actions.length;
      }
    } catch (e) {
      message = `This link does not hold a lab session: ${(e as Error).message}. The lab starts empty.`;
    }
    this.syncPickers();
    const ok = await this.play();
    if (!ok && this.actions.length > 0) {
      message = `${this.status()} The link's session cannot be replayed, so the lab starts empty.`;
      this.actions = [];
      this.at = 0;
      await this.play();
    } else if (ok && this.actions.length > 0)
      message = `Replayed ${this.actions.length} action${this.actions.length === 1 ? "" : "s"} from the link on ${this.profile.name}.`;
    const refused = message.includes("empty");
    // A refused link stays in the address bar, as given, until the reader acts: nothing is lost.
    if (refused && location.search !== query)
      history.replaceState(null, "", `${location.pathname}${query}${location.hash}`);
    if (message) this.say(message, refused ? "bad" : "");
  }

  /** Does action `a` after the shown step (the steps after it are dropped). */
  async act(kind: string): Promise<void> {
    if (this.busy) return;
    const a = actionOf(this.root, kind);
    const view = this.shown?.views[this.at];
    const why = typeof a === "string" ? a : view ? a.why(view) : "the lab is starting";
    if (typeof a === "string" || why !== null) {
      this.say(`Not possible: ${why}.`, "bad");
      return;
    }
    this.clicked = performance.now();
    const before = { actions: this.actions, at: this.at };
    this.actions = [...this.actions.slice(0, this.at), a];
    this.at = this.actions.length;
    if (await this.play()) this.report();
    else {
      this.actions = before.actions;
      this.at = before.at;
    }
  }

  async undo(): Promise<void> {
    if (this.busy || this.at === 0) return;
    this.actions = this.actions.slice(0, this.at - 1);
    this.at = this.actions.length;
    if (await this.play()) this.say(`Undone: back to step ${this.at}.`);
  }

  async reset(): Promise<void> {
    if (this.busy) return;
    this.actions = [];
    this.at = 0;
    if (await this.play()) this.say("Reset: the VF is back at its starting point.");
  }

  /** Shows the session after `at` actions (the later ones stay in the history). */
  async goTo(at: number): Promise<void> {
    if (this.busy || at < 0 || at > this.actions.length || at === this.at) return;
    this.at = at;
    if (await this.play()) this.say(at === 0 ? "Showing the starting point." : `Showing the session after step ${at}.`);
  }

  /** Replays the actions on another profile; stops before the first that is not possible there. */
  async switchProfile(name: string): Promise<void> {
    const next = this.profiles.find((p) => p.name === name);
    if (!next || this.busy) return;
    this.profile = next;
    if (await this.play()) {
      this.say(`Replayed ${this.at} action${this.at === 1 ? "" : "s"} on ${name}.`);
      return;
    }
    const why = this.status();
    this.actions = this.actions.slice(0, Math.max(0, this.lastPlayable));
    this.at = Math.min(this.at, this.actions.length);
    if (await this.play()) this.say(`${why} The session on ${name} stops before that step.`, "bad");
  }

  private lastPlayable = 0;

  /** Re-marks the actions after the reader changed a number. */
  refreshControls(): void {
    renderControls(this.root, this.shown?.views[this.at], this.busy);
  }

  /**
   * Plays the shown session; true when it played and was drawn. The pictures are drawn as
   * soon as the worker answers; the code and the link after that frame; the lab is busy
   * (`aria-busy`) until both are done.
   */
  private async play(): Promise<boolean> {
    const seq = ++this.seq;
    this.setBusy(true);
    const run = await playInWorker(this.worker, this.profile, this.actions.slice(0, this.at));
    if (seq !== this.seq) return false;
    if (!run.ok) {
      this.setBusy(false);
      this.lastPlayable = run.playable ?? 0;
      this.say(run.message, "bad");
      return false;
    }
    const shown: Shown = { profile: this.profile, actions: this.actions, at: this.at, ...run };
    this.shown = shown;
    clearTimeout(this.busyTimer); // the controls drawn now are the current ones
    renderShown(this.root, shown, this.actions);
    this.drawn = performance.now();
    await afterFrame();
    renderShare(this.root, shown);
    this.setBusy(false);
    return true;
  }

  private report(): void {
    const s = this.shown;
    if (!s) return;
    const r = s.reports[s.at];
    const ms = this.drawn - this.clicked;
    this.root.dataset.labMs = ms.toFixed(1);
    const printed = r.printed.join(" ").replace(/\s+/g, " ").trim();
    const qemu = r.log.length ? ` QEMU: ${r.log.join(" ")}` : "";
    this.say(`Step ${s.at}, ${s.actions[s.at - 1].label}: ${printed || "done"}.${qemu}`);
  }

  private busyTimer?: ReturnType<typeof setTimeout>;

  /**
   * Busy: no action is taken, and `aria-busy` says so at once. A play usually ends within a
   * frame or two, so the controls are shown disabled only when it lasts longer than
   * BUSY_SHOWN_MS: re-styling every control twice per click would cost more than the play.
   */
  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.root.setAttribute("aria-busy", String(busy));
    clearTimeout(this.busyTimer);
    if (busy)
      this.busyTimer = setTimeout(() => {
        if (this.busy) renderControls(this.root, undefined, true);
      }, BUSY_SHOWN_MS);
  }

  private syncPickers(): void {
    for (const sel of this.root.querySelectorAll<HTMLSelectElement>("[data-lab-dimension]")) {
      const v = this.profile.options[sel.dataset.labDimension ?? ""];
      if (v !== undefined) sel.value = v;
    }
  }

  /** The profile the pickers name now. */
  pickedProfile(): string {
    const wanted = Object.fromEntries(
      [...this.root.querySelectorAll<HTMLSelectElement>("[data-lab-dimension]")].map((s) => [
        s.dataset.labDimension,
        s.value,
      ]),
    );
    const p = this.profiles.find((x) => Object.entries(x.options).every(([k, v]) => wanted[k] === v));
    return p?.name ?? "";
  }

  private status(): string {
    return this.root.querySelector("[data-lab-status]")?.textContent ?? "";
  }

  say(text: string, tone: "" | "bad" = ""): void {
    const s = this.root.querySelector<HTMLElement>("[data-lab-status]");
    if (!s) return;
    s.textContent = text;
    s.dataset.tone = tone;
  }
}

function wire(root: HTMLElement, lab: Lab): void {
  root.addEventListener("click", (e) => {
    const t = (e.target as Element).closest<HTMLElement>("button");
    if (!t) return;
    if (t.dataset.labAction) void lab.act(t.dataset.labAction);
    else if (t.dataset.labAt) void lab.goTo(Number(t.dataset.labAt));
    else if ("labUndo" in t.dataset) void lab.undo();
    else if ("labReset" in t.dataset) void lab.reset();
    else if ("labCopyCode" in t.dataset) copy(lab, root.querySelector("[data-lab-code]")?.textContent ?? "", "Code");
    else if ("labCopyLink" in t.dataset)
      copy(lab, root.querySelector<HTMLAnchorElement>("[data-lab-link]")?.href ?? "", "Link");
  });
  root.addEventListener("change", (e) => {
    if ((e.target as HTMLElement).dataset.labDimension) void lab.switchProfile(lab.pickedProfile());
  });
  root.addEventListener("input", (e) => {
    if ((e.target as HTMLElement).dataset.labN) lab.refreshControls();
  });
}

function copy(lab: Lab, text: string, what: string): void {
  navigator.clipboard?.writeText(text).then(
    () => lab.say(`${what} copied.`),
    () => lab.say(`${what} could not be copied: select it and copy by hand.`, "bad"),
  );
}

/** Starts the lab on the page. */
export function start(): void {
  const root = document.querySelector<HTMLElement>("[data-lab]");
  if (!root) return;
  const client = new WorkerClient({
    spawn: () =>
      new Worker(new URL("../../runner/worker.ts", import.meta.url), { type: "module", name: "msi-snippet" }),
  });
  let profiles: LabProfile[];
  try {
    profiles = readProfiles(root);
  } catch (e) {
    root.textContent = (e as Error).message;
    return;
  }
  const first = profiles.find((p) => p.name === root.dataset.labDefault) ?? profiles[0];
  const lab = new Lab(root, client, profiles, first);
  wire(root, lab);
  for (const el of document.querySelectorAll<HTMLElement>("[data-lab-nojs]")) el.hidden = true;
  root.hidden = false;
  void lab.open(location.search);
}
