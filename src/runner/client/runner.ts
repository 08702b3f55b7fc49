/**
 * The in-page snippet runner, loaded by the bootstrap in SnippetRunner.astro only
 * when the reader shows interest in a snippet. attach() wires the parts for one
 * `section.msi-snippet`: its controls (controls.ts), its data (snippet-data.ts),
 * the page's snippet workers (worker-client.ts), the edit box (editor.ts) and the
 * result box (result-view.ts). Knows nothing of Astro.
 */
import type { RunOutcome } from "../protocol";
import { Controls, isAction } from "./controls";
import { createEditor, placeCaret } from "./editor";
import { judge, ResultView } from "./result-view";
import { expectedOutput, type SnippetData, SnippetDataLoader } from "./snippet-data";
import { WorkerClient } from "./worker-client";

/** The event a run dispatches on its section, for the pictures (src/pictures/client/live.ts). */
export const RUN_EVENT = "msi-snippet-run";

/** The detail of RUN_EVENT. */
export interface RunEventDetail {
  src: string;
  profile: string;
  result: RunOutcome;
  /** The reader's edited code, or undefined for the snippet as published. */
  code?: string;
}

/**
 * Starts a snippet worker (src/runner/worker.ts, with the model) from its own URL. It
 * runs under the policy its script is served with (public/_headers: no network at all),
 * not the page's; where no header is served, the worker's own lockdown (lockdown.ts)
 * still holds. A worker from a blob: URL would inherit the page's policy instead (checked
 * in Chromium), but that policy would then have to allow eval and blob: workers in the
 * page too.
 */
export function spawnWorker(name: string): Worker {
  return new Worker(new URL("../worker.ts", import.meta.url), { type: "module", name });
}

/** The page's snippet workers: one kept warm for published snippets, a fresh one for each edit. */
const client = new WorkerClient({ spawn: spawnWorker });
const controllers = new WeakMap<HTMLElement, SnippetController>();

/** Wires one snippet (idempotent) and returns its controller. */
export function attach(section: HTMLElement, warm = true): SnippetController {
  let c = controllers.get(section);
  if (!c) {
    c = new SnippetController(section, client);
    controllers.set(section, c);
    section.dataset.runnerReady = "";
  }
  if (warm) client.warm();
  return c;
}

/** What Run, Edit, Reset and the profile switch do for one snippet. */
export class SnippetController {
  private readonly src: string;
  private readonly controls: Controls;
  private readonly view: ResultView;
  private readonly data: SnippetDataLoader;
  private editor?: HTMLTextAreaElement;
  private running = false;
  private hasResult = false;

  constructor(
    private readonly section: HTMLElement,
    private readonly worker: Pick<WorkerClient, "run">,
  ) {
    this.src = section.dataset.snippet ?? "";
    this.controls = new Controls(section);
    this.view = new ResultView(section);
    this.data = new SnippetDataLoader(this.controls.root.dataset.json ?? "");
    this.controls.onAction((action) => this.perform(action));
    this.controls.onProfileChange(() => {
      this.controls.markProfile();
      if (this.hasResult) void this.run();
    });
    this.controls.markProfile();
    void this.data.get().catch(() => {}); // fetch ahead; Run and Edit report a failure
  }

  /** Runs a control's action: "run", "edit" or "reset"; anything else is ignored. */
  perform(action: string): void {
    if (!isAction(action)) return;
    if (action === "run") void this.run();
    else if (action === "edit") void this.edit();
    else this.reset();
  }

  async run(): Promise<void> {
    if (this.running) return;
    const profile = this.controls.profile;
    this.setBusy(true);
    this.controls.status(`Running on ${profile}…`, "busy");
    let outcome: RunOutcome;
    let data: SnippetData;
    let edited: string | undefined;
    try {
      data = await this.data.get();
      const code = this.editor?.value;
      edited = code !== undefined && code !== data.body ? code : undefined;
      outcome = await this.worker.run(
        edited !== undefined ? { profile, code: edited } : { profile, js: data.js, mappings: data.mappings },
      );
    } catch (e) {
      this.setBusy(false);
      this.controls.status(`The runner failed: ${(e as Error).message}`, "bad");
      this.controls.state("error");
      return;
    }
    this.setBusy(false);
    this.show(outcome, profile, expectedOutput(data, profile));
    const detail: RunEventDetail = { src: this.src, profile, result: outcome, code: edited };
    this.section.dispatchEvent(new CustomEvent(RUN_EVENT, { bubbles: true, detail }));
  }

  /** Opens the edit box (once), focuses it, and puts the caret at `line`, `column` when given. */
  async edit(line?: number, column?: number): Promise<void> {
    if (!this.editor) {
      const data = await this.data.get().catch(() => undefined);
      if (!data) {
        this.controls.status("The snippet's code could not be loaded for editing.", "bad");
        return;
      }
      this.editor ??= this.openEditor(data.body);
    }
    this.editor.focus();
    if (line !== undefined) placeCaret(this.editor, line, column);
  }

  reset(): void {
    const wasEditing = !!this.editor;
    this.editor?.remove();
    this.editor = undefined;
    this.controls.showEditor(undefined);
    this.view.hide();
    this.controls.setResettable(false);
    this.hasResult = false;
    this.controls.state("");
    this.controls.status(wasEditing ? "Reset: the original snippet is back." : "Reset: output cleared.");
  }

  private setBusy(busy: boolean) {
    this.running = busy;
    this.controls.setBusy(busy);
  }

  private show(outcome: RunOutcome, profile: string, expected: string | undefined) {
    const verdict = judge(outcome, profile, expected);
    this.hasResult = true;
    this.controls.setResettable(true);
    this.view.show(outcome, profile, verdict, (line, column) => void this.edit(line, column));
    this.controls.status(verdict.status, verdict.tone);
    this.controls.state(verdict.result);
  }

  private openEditor(body: string): HTMLTextAreaElement {
    const editor = createEditor({
      id: `${this.section.id}-editor`,
      body,
      label: `Edit the snippet: ${this.controls.title ?? this.src}`,
      describedBy: `${this.section.id}-hint`,
      onRun: () => void this.run(),
    });
    this.controls.showEditor(editor);
    this.controls.setResettable(true);
    this.controls.status("Editing. Tab inserts two spaces; Escape then Tab leaves the editor; Ctrl+Enter runs.");
    return editor;
  }
}
