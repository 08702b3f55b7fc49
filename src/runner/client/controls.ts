/**
 * The server-rendered controls of one snippet (SnippetRunner.astro): the Run,
 * Edit and Reset buttons, the kernel profile switch, the status line, the
 * `data-result` state, and where the edit box goes. Reads and sets the DOM only;
 * what the actions do is runner.ts's business. Browser-only.
 */
import { part } from "./dom";

/** The tone of the status line (`data-tone`): neutral, success, failure, or working. */
export type Tone = "" | "ok" | "bad" | "busy";

/** `data-result` on the controls, for styles and tests; "" removes it. */
export type ResultState = "running" | "match" | "differs" | "error" | "timeout" | "ran" | "";

/** The actions a control can name in `data-action`. */
export type Action = "run" | "edit" | "reset" | "share";

export function isAction(name: string | undefined): name is Action {
  return name === "run" || name === "edit" || name === "reset" || name === "share";
}

/** What the edit box's keys do: the hint the edit box is described by. */
export const EDITOR_HINT =
  "Tab inserts two spaces; press Escape, then Tab straight away, to leave the editor (Shift+Tab leaves it backwards). Ctrl+Enter runs.";

export class Controls {
  /** The controls' container (`[data-runner]`). */
  readonly root: HTMLElement;

  constructor(readonly section: HTMLElement) {
    this.root = part(section, "[data-runner]");
    // The page carries the hint's element only (hidden until the edit box opens): its text comes
    // with the runner, before any edit box that names it is made.
    const hint = part(section, "[data-runner-hint]");
    if (!hint.textContent?.trim()) hint.textContent = EDITOR_HINT;
  }

  /** Calls `handler` for a click on any `[data-action]` control of this snippet. */
  onAction(handler: (action: Action) => void): void {
    this.section.addEventListener("click", (e) => {
      const button = (e.target as Element).closest<HTMLElement>("[data-action]");
      const action = button?.dataset.action;
      if (button && this.section.contains(button) && isAction(action)) handler(action);
    });
  }

  /** Calls `handler` when the reader picks another kernel profile. */
  onProfileChange(handler: () => void): void {
    this.section.addEventListener("change", (e) => {
      if ((e.target as HTMLInputElement).name?.endsWith("-profile")) handler();
    });
  }

  /** Selects `profile` when the snippet has it; false when it does not. */
  selectProfile(profile: string): boolean {
    const radio = [...this.section.querySelectorAll<HTMLInputElement>("input[type=radio]")].find(
      (r) => r.value === profile,
    );
    if (radio) radio.checked = true;
    this.markProfile();
    return !!radio || profile === this.profile;
  }

  /** The selected profile: the checked radio, or the snippet's only (first) profile. */
  get profile(): string {
    // The radios' `checked` property, rather than `:checked`, which happy-dom (the unit tests' DOM)
    // matches against the attribute, i.e. the profile checked when the page was built.
    const radios = [...this.section.querySelectorAll<HTMLInputElement>("input[type=radio]")];
    return radios.find((r) => r.checked)?.value ?? (this.section.dataset.profiles ?? "").split(" ")[0] ?? "";
  }

  /** Marks the expected output of the selected profile (`data-selected`). */
  markProfile(): void {
    const profile = this.profile;
    for (const fig of this.section.querySelectorAll<HTMLElement>(".msi-snippet__output")) {
      fig.toggleAttribute("data-selected", fig.dataset.profile === profile);
    }
  }

  status(text: string, tone: Tone = ""): void {
    const s = part(this.section, "[data-runner-status]");
    s.textContent = text;
    s.dataset.tone = tone;
  }

  state(result: ResultState): void {
    if (result) this.root.dataset.result = result;
    else delete this.root.dataset.result;
  }

  /** Run is unavailable (and the result busy) while a run is in flight. */
  setBusy(busy: boolean): void {
    if (busy) this.state("running");
    this.button("run").setAttribute("aria-disabled", String(busy));
    part(this.section, "[data-runner-result]").setAttribute("aria-busy", String(busy));
  }

  /** Reset has something to undo (an edit or a result), or not. */
  setResettable(on: boolean): void {
    this.button("reset").setAttribute("aria-disabled", String(!on));
  }

  /** Shows the edit box in place of the code block, or the code block again (`editor` undefined). */
  showEditor(editor: HTMLElement | undefined): void {
    const code = this.section.querySelector<HTMLElement>(".expressive-code");
    if (code) code.hidden = !!editor;
    if (editor) {
      if (code) code.after(editor);
      else this.root.before(editor);
    }
    part(this.section, "[data-runner-hint]").hidden = !editor;
    this.button("edit").setAttribute("aria-pressed", String(!!editor));
  }

  /** The snippet's title, for the edit box's name. */
  get title(): string | undefined {
    return this.section.querySelector(".msi-snippet__title")?.textContent ?? undefined;
  }

  private button(action: Action): HTMLElement {
    return part(this.root, `[data-action=${action}]`);
  }
}
