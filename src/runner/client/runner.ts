/**
 * The in-page snippet runner, loaded by the bootstrap in SnippetRunner.astro only
 * when the reader shows interest in a snippet. It wires the server-rendered
 * controls (Run, Edit, Reset, kernel profile) of one `section.msi-snippet`, runs
 * the snippet in a Web Worker that holds the model, and compares the output with
 * the expected output of the selected profile. Knows nothing of Astro.
 */
import { type PlainHost, RUN_BUDGET_MS, type RunRequest, type WorkerMessage } from "../protocol";
import type { SnippetError } from "../snippet-error";
import { lineDiff } from "../line-diff";

/** The built `/snippets/<src>.json` (docs/pages/snippets/[...src].json.ts). */
interface SnippetData {
  src: string;
  title: string;
  body: string;
  bodyOffset: number;
  js: string;
  outputs: { profile: string; text: string }[];
}

/** A run request before the host gives it an id. */
type RunInput = { profile: string; js: string } | { profile: string; code: string };

/** How long a fresh worker may take to load the model (and sucrase) before we give up. */
const LOAD_BUDGET_MS = 20_000;

/** What a run came back with, plus its time in the worker. */
export interface RunOutcome {
  output: string;
  error?: SnippetError;
  ms?: number;
  /** The hosts the run created (kernel and trace), for the pictures. */
  hosts?: PlainHost[];
}

/**
 * The page's one snippet worker. Runs are serialised, so at most one is in the
 * worker; when it overruns the budget the worker is terminated and the next
 * run starts a fresh one.
 */
class WorkerHost {
  private worker?: Worker;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private current?: { id: number; finish: (r: RunOutcome) => void; timer: ReturnType<typeof setTimeout> };

  /** Starts the worker (and so the model's download) ahead of the first run. */
  warm(): void {
    this.ensure();
  }

  run(request: RunInput): Promise<RunOutcome> {
    const next = this.queue.then(() => this.runNow(request));
    this.queue = next.catch(() => {});
    return next;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("../worker.ts", import.meta.url), { type: "module", name: "msi-snippet" });
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.stop({
        kind: "runtime",
        message: `Error: the runner could not start (${e.message || "worker failed to load"})`,
      });
    };
    this.worker = worker;
    return worker;
  }

  private runNow(request: RunInput): Promise<RunOutcome> {
    const id = this.nextId++;
    return new Promise<RunOutcome>((resolve) => {
      const timer = setTimeout(
        () => this.stop({ kind: "runtime", message: "Error: the runner did not start in time" }),
        LOAD_BUDGET_MS,
      );
      this.current = { id, finish: resolve, timer };
      this.ensure().postMessage({ ...request, id } as RunRequest);
    });
  }

  private receive(message: WorkerMessage) {
    const current = this.current;
    if (!current || message.id !== current.id) return;
    clearTimeout(current.timer);
    if (message.type === "started") {
      // The budget covers the snippet itself, not loading the model or sucrase.
      current.timer = setTimeout(
        () =>
          this.stop({
            kind: "timeout",
            message: `Stopped: the snippet ran longer than ${RUN_BUDGET_MS / 1000} s, so its worker was terminated. The next Run starts a fresh one.`,
          }),
        RUN_BUDGET_MS,
      );
      return;
    }
    this.current = undefined;
    current.finish({ output: message.output, error: message.error, ms: message.ms, hosts: message.hosts });
  }

  /** Terminates the worker and ends the current run with `error`. */
  private stop(error: SnippetError) {
    this.worker?.terminate();
    this.worker = undefined;
    const current = this.current;
    this.current = undefined;
    if (current) {
      clearTimeout(current.timer);
      current.finish({ output: "", error });
    }
  }
}

const host = new WorkerHost();
const controllers = new WeakMap<HTMLElement, SnippetController>();

/** Wires one snippet (idempotent) and returns its controller. */
export function attach(section: HTMLElement, warm = true): SnippetController {
  let c = controllers.get(section);
  if (!c) {
    c = new SnippetController(section);
    controllers.set(section, c);
    section.dataset.runnerReady = "";
  }
  if (warm) host.warm();
  return c;
}

function el(tag: string, props: Record<string, unknown> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export class SnippetController {
  private readonly src: string;
  private data?: Promise<SnippetData>;
  private editor?: HTMLTextAreaElement;
  private running = false;
  private hasResult = false;
  private readonly q: <T extends Element>(selector: string) => T;

  constructor(private readonly section: HTMLElement) {
    this.src = section.dataset.snippet ?? "";
    this.q = <T extends Element>(selector: string) => section.querySelector(selector) as T;
    section.addEventListener("click", (e) => {
      const button = (e.target as Element).closest<HTMLElement>("[data-action]");
      if (button && section.contains(button)) this.perform(button.dataset.action ?? "");
    });
    section.addEventListener("change", (e) => {
      if ((e.target as HTMLInputElement).name?.endsWith("-profile")) this.profileChanged();
    });
    this.markProfile();
    this.load();
  }

  /** Runs a control's action: "run", "edit", "reset", or "goto" (to the error position). */
  perform(action: string): void {
    if (action === "run") void this.run();
    else if (action === "edit") void this.edit();
    else if (action === "reset") void this.reset();
  }

  private load(): Promise<SnippetData> {
    const url = this.q<HTMLElement>("[data-runner]").dataset.json ?? `/snippets/${this.src}.json`;
    this.data ??= fetch(url).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status} for the snippet's data`);
      return r.json() as Promise<SnippetData>;
    });
    return this.data;
  }

  private get profile(): string {
    const checked = this.section.querySelector<HTMLInputElement>("input[type=radio]:checked");
    return checked?.value ?? (this.section.dataset.profiles ?? "").split(" ")[0] ?? "";
  }

  private markProfile() {
    const profile = this.profile;
    for (const fig of this.section.querySelectorAll<HTMLElement>(".msi-snippet__output")) {
      fig.toggleAttribute("data-selected", fig.dataset.profile === profile);
    }
  }

  private profileChanged() {
    this.markProfile();
    if (this.hasResult) void this.run();
  }

  private status(text: string, tone: "" | "ok" | "bad" | "busy" = "") {
    const s = this.q<HTMLElement>("[data-runner-status]");
    s.textContent = text;
    s.dataset.tone = tone;
  }

  /** data-result on the controls: running, match, differs, error, timeout, ran (no expectation), or removed. */
  private state(result: string) {
    const c = this.q<HTMLElement>("[data-runner]");
    if (result) c.dataset.result = result;
    else delete c.dataset.result;
  }

  private setBusy(busy: boolean) {
    this.running = busy;
    if (busy) this.state("running");
    const run = this.q<HTMLButtonElement>("[data-action=run]");
    run.setAttribute("aria-disabled", String(busy));
    this.q<HTMLElement>("[data-runner-result]").setAttribute("aria-busy", String(busy));
  }

  async run(): Promise<void> {
    if (this.running) return;
    const profile = this.profile;
    this.setBusy(true);
    this.status(`Running on ${profile}…`, "busy");
    let outcome: RunOutcome;
    let data: SnippetData;
    let edited: string | undefined;
    try {
      data = await this.load();
      const code = this.editor?.value;
      edited = code !== undefined && code !== data.body ? code : undefined;
      outcome = await host.run(edited !== undefined ? { profile, code: edited } : { profile, js: data.js });
    } catch (e) {
      this.setBusy(false);
      this.status(`The runner failed: ${(e as Error).message}`, "bad");
      this.state("error");
      return;
    }
    this.setBusy(false);
    this.show(outcome, profile, data.outputs.find((o) => o.profile === profile)?.text);
    // For the pictures of this snippet (src/pictures/client/live.ts): re-draw from this run.
    this.section.dispatchEvent(
      new CustomEvent("msi-snippet-run", {
        bubbles: true,
        detail: { src: this.src, profile, result: outcome, code: edited },
      }),
    );
  }

  private show(outcome: RunOutcome, profile: string, expected: string | undefined) {
    this.hasResult = true;
    this.q<HTMLButtonElement>("[data-action=reset]").setAttribute("aria-disabled", "false");
    const result = this.q<HTMLElement>("[data-runner-result]");
    result.hidden = false;
    result.querySelector("[data-runner-profile]")!.textContent = profile;
    const out = result.querySelector<HTMLElement>("[data-runner-output]")!;
    out.textContent = outcome.output === "" ? "(no output)" : outcome.output;
    out.classList.toggle("msi-runner__empty", outcome.output === "");

    const errorBox = result.querySelector<HTMLElement>("[data-runner-error]")!;
    const diffBox = result.querySelector<HTMLElement>("[data-runner-diff]")!;
    errorBox.replaceChildren();
    errorBox.hidden = true;
    diffBox.hidden = true;

    const error = outcome.error;
    if (error) {
      const at =
        error.line === undefined
          ? ""
          : `snippet.ts:${error.line}${error.column === undefined ? "" : `:${error.column}`}`;
      const where =
        error.line === undefined
          ? ""
          : ` at line ${error.line}${error.column === undefined ? "" : `, column ${error.column}`}`;
      errorBox.hidden = false;
      errorBox.dataset.kind = error.kind;
      const msg = el("p", { className: "msi-runner__error-msg" });
      if (at) msg.append(el("code", { className: "msi-runner__pos" }, at), " ");
      msg.append(error.message);
      errorBox.append(msg);
      if (error.line !== undefined) {
        const go = el(
          "button",
          { type: "button", className: "msi-runner__btn msi-runner__btn--small" },
          `Show line ${error.line} in the editor`,
        );
        go.addEventListener("click", () => void this.edit(error.line, error.column));
        errorBox.append(go);
      }
      const label =
        error.kind === "timeout"
          ? error.message
          : `${error.message.split(":")[0]}${where}: ${error.message.slice(error.message.indexOf(":") + 1).trim()}`;
      this.status(label, "bad");
      this.state(error.kind === "timeout" ? "timeout" : "error");
      return;
    }
    const ms = outcome.ms === undefined ? "" : ` (${outcome.ms < 1 ? "<1" : Math.round(outcome.ms)} ms)`;
    if (expected === undefined) {
      this.status(`Ran on ${profile}${ms}; this snippet has no expected output for ${profile}.`);
      this.state("ran");
      return;
    }
    if (outcome.output === expected) {
      this.status(`✓ Matches the expected output on ${profile}${ms}.`, "ok");
      this.state("match");
      return;
    }
    const diff = lineDiff(expected, outcome.output);
    const changed = diff.filter((d) => d.op !== " ").length;
    const pre = diffBox.querySelector("code")!;
    pre.replaceChildren(
      ...diff.map((d) =>
        el(
          "span",
          { className: `msi-runner__d msi-runner__d--${d.op === " " ? "same" : d.op === "-" ? "del" : "add"}` },
          `${d.op === " " ? " " : d.op === "-" ? "−" : "+"} ${d.text}\n`,
        ),
      ),
    );
    diffBox.hidden = false;
    this.state("differs");
    this.status(
      `✗ Differs from the expected output on ${profile}: ${changed} line${changed === 1 ? "" : "s"} changed${ms}.`,
      "bad",
    );
  }

  async edit(line?: number, column?: number): Promise<void> {
    if (!this.editor) {
      const data = await this.load().catch(() => undefined);
      if (!data) {
        this.status("The snippet's code could not be loaded for editing.", "bad");
        return;
      }
      if (this.editor) return this.edit(line, column);
      this.editor = this.createEditor(data.body);
      const code = this.section.querySelector<HTMLElement>(".expressive-code");
      if (code) {
        code.hidden = true;
        code.after(this.editor);
      } else {
        this.q<HTMLElement>("[data-runner]").before(this.editor);
      }
      this.q<HTMLElement>("[data-runner-hint]").hidden = false;
      this.q<HTMLButtonElement>("[data-action=edit]").setAttribute("aria-pressed", "true");
      this.q<HTMLButtonElement>("[data-action=reset]").setAttribute("aria-disabled", "false");
      this.status("Editing. Tab inserts two spaces; Escape then Tab leaves the editor; Ctrl+Enter runs.");
    }
    const ed = this.editor;
    ed.focus();
    if (line !== undefined) {
      const lines = ed.value.split("\n");
      let pos = 0;
      for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += lines[i].length + 1;
      pos += Math.max(0, (column ?? 1) - 1);
      ed.setSelectionRange(pos, pos);
    }
  }

  private createEditor(body: string): HTMLTextAreaElement {
    const id = `${this.section.id}-editor`;
    const ta = el("textarea", {
      id,
      className: "msi-runner__editor",
      value: body,
      spellcheck: false,
      autocapitalize: "off",
      autocomplete: "off",
    }) as HTMLTextAreaElement;
    ta.setAttribute("wrap", "off");
    ta.setAttribute(
      "aria-label",
      `Edit the snippet: ${this.q<HTMLElement>(".msi-snippet__title")?.textContent ?? this.src}`,
    );
    ta.setAttribute("aria-describedby", `${this.section.id}-hint`);
    const fit = () => {
      ta.rows = Math.max(6, ta.value.replace(/\n$/, "").split("\n").length + 1);
    };
    fit();
    let escaped = false;
    ta.addEventListener("input", fit);
    ta.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        escaped = true;
        return;
      }
      const plain = !e.altKey && !e.ctrlKey && !e.metaKey;
      if (e.key === "Tab" && plain && !e.shiftKey) {
        if (escaped) {
          escaped = false; // let the browser move focus on
          return;
        }
        e.preventDefault();
        insertText(ta, "  ");
        return;
      }
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void this.run();
        return;
      }
      if (e.key === "Enter" && plain && !e.shiftKey) {
        const before = ta.value.slice(0, ta.selectionStart);
        const indent = /[ \t]*/.exec(before.slice(before.lastIndexOf("\n") + 1))?.[0] ?? "";
        e.preventDefault();
        insertText(ta, `\n${indent}`);
      }
      if (e.key !== "Shift") escaped = false;
    });
    return ta;
  }

  async reset(): Promise<void> {
    const wasEditing = !!this.editor;
    this.editor?.remove();
    this.editor = undefined;
    const code = this.section.querySelector<HTMLElement>(".expressive-code");
    if (code) code.hidden = false;
    this.q<HTMLElement>("[data-runner-hint]").hidden = true;
    this.q<HTMLElement>("[data-runner-result]").hidden = true;
    this.q<HTMLButtonElement>("[data-action=edit]").setAttribute("aria-pressed", "false");
    this.q<HTMLButtonElement>("[data-action=reset]").setAttribute("aria-disabled", "true");
    this.hasResult = false;
    this.state("");
    this.status(wasEditing ? "Reset: the original snippet is back." : "Reset: output cleared.");
  }
}

/** Inserts text at the caret, keeping the browser's undo history where it can. */
function insertText(ta: HTMLTextAreaElement, text: string) {
  if (!document.execCommand?.("insertText", false, text)) {
    ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, "end");
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  }
}
