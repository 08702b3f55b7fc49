/**
 * The in-page snippet runner, loaded by the bootstrap in SnippetRunner.astro only
 * when the reader shows interest in a snippet. attach() wires the parts for one
 * `section.msi-snippet`: its controls (controls.ts), its data (snippet-data.ts),
 * the page's snippet workers (worker-client.ts), the edit box (editor.ts) and the
 * result box (result-view.ts). Knows nothing of Astro.
 */
import type { RunOutcome } from "../protocol";
import { Controls, isAction } from "./controls";
import { linkStylesheet } from "./dom";
import { type CodeEditor, createTextareaEditor, type EditorOptions } from "./editor";
import { errorLabel, judge, ResultView } from "./result-view";
import runnerStyles from "./runner.css?url";
import type { SharedSnippet } from "./share";
import { expectedOutput, type SnippetData, SnippetDataLoader } from "./snippet-data";
import { WorkerClient } from "./worker-client";

/** The event a run dispatches on its section, for the pictures (src/pictures/client/live.ts). */
export const RUN_EVENT = "msi-snippet-run";

/**
 * The event Reset dispatches on its section (detail: `{ src }`): the pictures of the
 * snippet show the published run again (src/pictures/client/live.ts).
 */
export const RESET_EVENT = "msi-snippet-reset";

/** The detail of RUN_EVENT. */
export interface RunEventDetail {
  src: string;
  profile: string;
  result: RunOutcome;
  /** The reader's edited code, or undefined for the snippet as published. */
  code?: string;
}

/** share.ts (with lz-string), loaded on Share or a shared link only. */
const sharing = () => import("./share");

/** Makes the editor that opens on Edit. */
export type EditorFactory = (options: EditorOptions) => CodeEditor;

/** CodeMirror (codemirror.ts), a chunk of its own that loads on the first Edit only. */
export const loadCodeMirror = (): Promise<EditorFactory> => import("./codemirror").then((m) => m.createCodeMirror);

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
  // The styles of what shows only after a Run or an Edit (runner.css), linked when the runner first
  // attaches, so pages load only the controls' styles; imported as a URL, not as CSS, so no page's
  // own stylesheets take it in.
  linkStylesheet(runnerStyles);
  let c = controllers.get(section);
  if (!c) {
    c = new SnippetController(section, client);
    controllers.set(section, c);
    section.dataset.runnerReady = "";
  }
  if (warm) client.warm();
  return c;
}

/**
 * Opens the snippet a link shares (the page's query, see share.ts) in its editor, without
 * running it; a link that cannot be used leaves the published snippet and says why.
 */
export async function openShared(section: HTMLElement, search: string): Promise<void> {
  const shared = (await sharing()).readShared(search);
  if (!shared || shared.src !== section.dataset.snippet) return;
  await attach(section).loadShared(shared);
}

/** What Run, Edit, Reset, Share and the profile switch do for one snippet. */
export class SnippetController {
  private readonly src: string;
  private readonly controls: Controls;
  private readonly view: ResultView;
  private readonly data: SnippetDataLoader;
  private editor?: CodeEditor;
  private opening?: Promise<CodeEditor | undefined>;
  private running = false;
  private hasResult = false;

  constructor(
    private readonly section: HTMLElement,
    private readonly worker: Pick<WorkerClient, "run">,
    private readonly loadEditor: () => Promise<EditorFactory> = loadCodeMirror,
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

  /** Runs a control's action: "run", "edit", "reset" or "share"; anything else is ignored. */
  perform(action: string): void {
    if (!isAction(action)) return;
    if (action === "run") void this.run();
    else if (action === "edit") void this.edit();
    else if (action === "share") void this.share();
    else this.reset();
  }

  /** Puts the code (edited or not) and the profile in the address bar, and copies that link. */
  async share(): Promise<void> {
    const data = await this.data.get().catch(() => undefined);
    const code = this.editor?.value ?? data?.body;
    if (code === undefined) {
      this.controls.status("The snippet's code could not be loaded to share it.", "bad");
      return;
    }
    const { shareLink } = await sharing();
    const link = shareLink(location.href, this.section.id, this.src, this.controls.profile, code);
    history.replaceState(null, "", link);
    const copied = await navigator.clipboard?.writeText(link).then(
      () => true,
      () => false,
    );
    this.controls.status(
      `${copied ? "Link copied, and" : "The link is"} in the address bar: it opens this code on ${this.controls.profile} in the editor, without running it.`,
      "ok",
    );
  }

  /** Loads code from a link into the editor; it runs only when the reader presses Run. */
  async loadShared(shared: SharedSnippet): Promise<void> {
    if ("error" in shared) {
      this.controls.status(
        `This link's code could not be used: ${shared.error}. The published snippet is shown.`,
        "bad",
      );
      this.controls.root.dataset.shared = "error";
      return;
    }
    const known = this.controls.selectProfile(shared.profile);
    await this.edit(undefined, undefined, shared.code);
    if (!this.editor) return;
    const profileNote = known
      ? ""
      : ` The link names profile “${shared.profile.slice(0, 40)}”, which this snippet does not run on.`;
    this.controls.status(
      `This code came from a link and has not run. Read it, then press Run to run it; Reset restores the published snippet.${profileNote}`,
    );
    this.controls.root.dataset.shared = "loaded";
    this.section.scrollIntoView({ block: "start" });
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
      this.editor?.markError(undefined);
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
    const { error } = outcome;
    if (this.editor && error?.line !== undefined) {
      this.editor.markError({ line: error.line, column: error.column, message: errorLabel(error) });
    }
    const detail: RunEventDetail = { src: this.src, profile, result: outcome, code: edited };
    this.section.dispatchEvent(new CustomEvent(RUN_EVENT, { bubbles: true, detail }));
  }

  /**
   * Opens the edit box (once, with `code` or the snippet's own), focuses it, and puts the caret
   * at `line`, `column` when given.
   */
  async edit(line?: number, column?: number, code?: string): Promise<void> {
    if (!this.editor) {
      this.opening ??= this.openEditor(code).finally(() => {
        this.opening = undefined;
      });
      await this.opening;
    }
    if (!this.editor) return;
    if (line !== undefined) this.editor.placeCaret(line, column);
    this.editor.focus();
  }

  reset(): void {
    const wasEditing = !!this.editor;
    this.editor?.destroy();
    this.editor = undefined;
    this.controls.showEditor(undefined);
    this.view.hide();
    this.controls.setResettable(false);
    this.hasResult = false;
    this.controls.state("");
    this.controls.status(wasEditing ? "Reset: the original snippet is back." : "Reset: output cleared.");
    if ("shared" in this.controls.root.dataset) {
      delete this.controls.root.dataset.shared;
      void sharing().then((m) => history.replaceState(null, "", m.withoutShare(location.href)));
    }
    this.section.dispatchEvent(new CustomEvent(RESET_EVENT, { bubbles: true, detail: { src: this.src } }));
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

  /**
   * Loads the snippet's code (or takes `code`) and CodeMirror, and shows the editor; where
   * CodeMirror cannot load, the plain edit box takes its place with the same code, and says so.
   */
  private async openEditor(code: string | undefined): Promise<CodeEditor | undefined> {
    this.controls.status("Opening the editor…", "busy");
    const [data, factory] = await Promise.all([
      this.data.get().catch(() => undefined),
      this.loadEditor().catch((e: unknown) => e as Error),
    ]);
    if (this.editor) return this.editor; // opened meanwhile
    if (!data && code === undefined) {
      this.controls.status("The snippet's code could not be loaded for editing.", "bad");
      return undefined;
    }
    const options: EditorOptions = {
      id: `${this.section.id}-editor`,
      body: code ?? data?.body ?? "",
      label: `Edit the snippet: ${this.controls.title ?? this.src}`,
      describedBy: `${this.section.id}-hint`,
      onRun: () => void this.run(),
    };
    const plain = factory instanceof Error || typeof factory !== "function";
    const editor = plain ? createTextareaEditor(options) : factory(options);
    this.editor = editor;
    this.controls.showEditor(editor.element);
    this.controls.setResettable(true);
    this.controls.status(
      plain
        ? `The code editor could not be loaded (${factory instanceof Error ? factory.message : "no editor"}), so this is a plain edit box with the same code. Tab inserts two spaces; Escape, then Tab, leaves it; Ctrl+Enter runs.`
        : "Editing. Run runs your version; Reset brings back the published code.",
      plain ? "bad" : "",
    );
    return editor;
  }
}
