/**
 * What a run came back with, judged and shown: the verdict against the expected
 * output of the profile (match, differs, error, timeout, or ran without an
 * expectation) with its status line, and the result box under the controls (the
 * output, the error with its position, the line diff). Browser-only, except
 * judge(), which is pure.
 */
import { describePosition } from "../core";
import { changedLines, type DiffLine, hiddenNote, limitDiff, lineDiff } from "../line-diff";
import { droppedNote } from "../output";
import type { RunOutcome } from "../protocol";
import { SNIPPET_FILENAME, type SnippetError } from "../snippet-error";
import type { ResultState, Tone } from "./controls";
import { el, part } from "./dom";

export interface Verdict {
  result: Exclude<ResultState, "running" | "">;
  /** The status line. */
  status: string;
  tone: Tone;
  /** The line diff, when the output differs from the expected output. */
  diff?: DiffLine[];
}

/** Judges a run on `profile` against the expected output of that profile (undefined: none). */
export function judge(outcome: RunOutcome, profile: string, expected: string | undefined): Verdict {
  const { error } = outcome;
  if (error) {
    return { result: error.kind === "timeout" ? "timeout" : "error", status: errorLabel(error), tone: "bad" };
  }
  const capped = outcome.dropped ? ` ${droppedNote(outcome.dropped)}` : "";
  const ms = outcome.ms === undefined ? "" : ` (${outcome.ms < 1 ? "<1" : Math.round(outcome.ms)} ms)`;
  if (expected === undefined) {
    return {
      result: "ran",
      status: `Ran on ${profile}${ms}; this snippet has no expected output for ${profile}.${capped}`,
      tone: "",
    };
  }
  if (outcome.output === expected) {
    return { result: "match", status: `✓ Matches the expected output on ${profile}${ms}.`, tone: "ok" };
  }
  const diff = lineDiff(expected, outcome.output);
  const changed = changedLines(diff);
  return {
    result: "differs",
    status: `✗ Differs from the expected output on ${profile}: ${changed.toLocaleString("en-US")} line${changed === 1 ? "" : "s"} changed${ms}.${capped}`,
    tone: "bad",
    diff,
  };
}

/** "TypeError at line 3, column 5: o is null"; a timeout's or a crash's message as it is. */
export function errorLabel(error: SnippetError): string {
  if (error.kind === "timeout" || error.kind === "crash") return error.message;
  const pos = describePosition(error);
  const colon = error.message.indexOf(":");
  return `${error.message.split(":")[0]}${pos ? ` at ${pos}` : ""}: ${error.message.slice(colon + 1).trim()}`;
}

/** "snippet.ts:3:5", the position as a stack frame names it, or "" when unknown. */
export function framePosition(error: SnippetError): string {
  if (error.line === undefined) return "";
  return `${SNIPPET_FILENAME}:${error.line}${error.column === undefined ? "" : `:${error.column}`}`;
}

/** el() with a `data-*` flag set (el() assigns properties, and `dataset` is not one to assign). */
function flagged<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  flag: string,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = el(tag, props, ...children);
  node.setAttribute(flag, "");
  return node;
}

/**
 * What goes in a result box: the output with its profile, the note on dropped lines, the error,
 * and the diff. The page ships the box empty (it stays hidden until a run), and the runner fills
 * it once, on attach.
 */
function resultParts(): HTMLElement[] {
  const pre = (code: HTMLElement) => el("pre", { tabIndex: 0 }, code);
  return [
    el(
      "figure",
      { className: "msi-runner__out" },
      el("figcaption", {}, "Output on ", flagged("code", "data-runner-profile")),
      pre(flagged("code", "data-runner-output")),
    ),
    flagged("p", "data-runner-dropped", { className: "msi-runner__dropped", hidden: true }),
    flagged("div", "data-runner-error", { className: "msi-runner__error", hidden: true }),
    flagged(
      "figure",
      "data-runner-diff",
      { className: "msi-runner__diff", hidden: true },
      el(
        "figcaption",
        {},
        "Difference: ",
        el("span", { className: "msi-runner__legend-del" }, "− expected"),
        ", ",
        el("span", { className: "msi-runner__legend-add" }, "+ printed"),
      ),
      pre(el("code")),
    ),
  ];
}

/** The result box of one snippet (`[data-runner-result]`). */
export class ResultView {
  private readonly box: HTMLElement;

  constructor(section: HTMLElement) {
    this.box = part(section, "[data-runner-result]");
    if (!this.box.firstElementChild) this.box.append(...resultParts());
  }

  hide(): void {
    this.box.hidden = true;
  }

  /** Shows a run's output and, as the verdict says, its error or its diff. `goto` opens the editor at a line. */
  show(outcome: RunOutcome, profile: string, verdict: Verdict, goto: (line: number, column?: number) => void): void {
    this.box.hidden = false;
    part(this.box, "[data-runner-profile]").textContent = profile;
    const out = part(this.box, "[data-runner-output]");
    out.textContent = outcome.output === "" ? "(no output)" : outcome.output;
    out.classList.toggle("msi-runner__empty", outcome.output === "");
    const dropped = part(this.box, "[data-runner-dropped]");
    dropped.hidden = !outcome.dropped;
    dropped.textContent = outcome.dropped ? droppedNote(outcome.dropped) : "";
    this.showError(outcome.error, goto);
    this.showDiff(verdict.diff);
  }

  private showError(error: SnippetError | undefined, goto: (line: number, column?: number) => void) {
    const box = part(this.box, "[data-runner-error]");
    box.replaceChildren();
    box.hidden = !error;
    if (!error) return;
    box.dataset.kind = error.kind;
    const msg = el("p", { className: "msi-runner__error-msg" });
    const at = framePosition(error);
    if (at) msg.append(el("code", { className: "msi-runner__pos" }, at), " ");
    msg.append(error.message);
    box.append(msg);
    const { line, column } = error;
    if (line !== undefined) {
      const button = el(
        "button",
        { type: "button", className: "msi-runner__btn msi-runner__btn--small" },
        `Show line ${line} in the editor`,
      );
      button.addEventListener("click", () => goto(line, column));
      box.append(button);
    }
  }

  private showDiff(diff: DiffLine[] | undefined) {
    const box = part(this.box, "[data-runner-diff]");
    box.hidden = !diff;
    if (!diff) return;
    const names = { " ": ["same", " "], "-": ["del", "−"], "+": ["add", "+"] } as const;
    const { shown, hidden } = limitDiff(diff);
    part(box, "code").replaceChildren(
      ...shown.map(({ op, text }) =>
        el("span", { className: `msi-runner__d msi-runner__d--${names[op][0]}` }, `${names[op][1]} ${text}\n`),
      ),
      ...(hidden > 0 ? [el("span", { className: "msi-runner__d msi-runner__d--more" }, hiddenNote(hidden))] : []),
    );
  }
}
