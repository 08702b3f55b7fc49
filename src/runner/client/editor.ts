/**
 * The edit box that replaces a snippet's code block on Edit. The editor readers get is
 * CodeMirror (codemirror.ts, loaded on the first Edit); this module holds what both
 * editors share (CodeEditor) and the plain one that stands in when CodeMirror's chunk
 * cannot load: a textarea that grows with its code, indents like a code editor (Tab
 * inserts two spaces, Enter keeps the indent) without trapping focus (Escape, then Tab,
 * leaves it), and runs on Ctrl+Enter. Browser-only.
 */
import { el } from "./dom";

/** A run's error, as the editor marks it: its 1-based line and column, and what it says. */
export interface MarkedError {
  line: number;
  column?: number;
  /** "line 2, column 3: Unexpected token". */
  message: string;
}

/** What the runner needs of an editor, CodeMirror or the plain textarea. */
export interface CodeEditor {
  /** "codemirror" or "textarea" (also the element's `data-editor`). */
  readonly kind: "codemirror" | "textarea";
  /** The element that goes into the page in place of the code block. */
  readonly element: HTMLElement;
  /** The code as it stands. */
  readonly value: string;
  /** The caret's offset in the code. */
  readonly caret: number;
  focus(): void;
  /** Puts the caret at a 1-based line and column and brings it into view. */
  placeCaret(line: number, column?: number): void;
  /** Marks the line a run's error points at (undefined: clears the mark). */
  markError(error: MarkedError | undefined): void;
  /** Takes the editor out of the page. */
  destroy(): void;
}

/** An editor's element, which carries its editor (`msiEditor`) for scripts such as the browser tests. */
export type EditorHost = HTMLElement & { msiEditor?: CodeEditor };

/** Tags `editor.element` with its kind and the editor itself; returns the editor. */
export function hostEditor(editor: CodeEditor): CodeEditor {
  editor.element.dataset.editor = editor.kind;
  (editor.element as EditorHost).msiEditor = editor;
  return editor;
}

/** The plain editor (createEditor) as a CodeEditor. */
export function createTextareaEditor(options: EditorOptions): CodeEditor {
  const ta = createEditor(options);
  return hostEditor({
    kind: "textarea",
    element: ta,
    get value() {
      return ta.value;
    },
    get caret() {
      return ta.selectionStart;
    },
    focus: () => ta.focus(),
    placeCaret: (line, column) => placeCaret(ta, line, column),
    markError(error) {
      if (error) ta.dataset.errorLine = String(error.line);
      else delete ta.dataset.errorLine;
    },
    destroy: () => ta.remove(),
  });
}

export interface EditorOptions {
  id: string;
  /** The code to start from. */
  body: string;
  /** The accessible name. */
  label: string;
  /** The id of the hint that explains the keys. */
  describedBy: string;
  /** Ctrl+Enter (Cmd+Enter). */
  onRun: () => void;
}

export function createEditor(options: EditorOptions): HTMLTextAreaElement {
  const ta = el("textarea", {
    id: options.id,
    className: "msi-runner__editor",
    value: options.body,
    spellcheck: false,
    autocapitalize: "off",
    autocomplete: "off",
  });
  ta.setAttribute("wrap", "off");
  ta.setAttribute("aria-label", options.label);
  ta.setAttribute("aria-describedby", options.describedBy);
  const fitRows = () => {
    ta.rows = Math.max(6, ta.value.replace(/\n$/, "").split("\n").length + 1);
  };
  fitRows();
  ta.addEventListener("input", fitRows);
  ta.addEventListener("keydown", keyHandler(ta, options.onRun));
  return ta;
}

/** The editor's keys; Escape lets the next Tab move focus on as usual. */
function keyHandler(ta: HTMLTextAreaElement, onRun: () => void): (e: KeyboardEvent) => void {
  let escaped = false;
  return (e) => {
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
      onRun();
      return;
    }
    if (e.key === "Enter" && plain && !e.shiftKey) {
      const before = ta.value.slice(0, ta.selectionStart);
      const indent = /[ \t]*/.exec(before.slice(before.lastIndexOf("\n") + 1))?.[0] ?? "";
      e.preventDefault();
      insertText(ta, `\n${indent}`);
    }
    if (e.key !== "Shift") escaped = false;
  };
}

/** Inserts text at the caret, keeping the browser's undo history where it can. */
function insertText(ta: HTMLTextAreaElement, text: string) {
  if (!document.execCommand?.("insertText", false, text)) {
    ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, "end");
    ta.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

/** The offset in `text` of a 1-based line and column (clamped to the text's lines). */
export function caretOffset(text: string, line: number, column = 1): number {
  const lines = text.split("\n");
  let pos = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += lines[i].length + 1;
  return pos + Math.max(0, column - 1);
}

/** Puts the caret at a 1-based line and column. */
export function placeCaret(ta: HTMLTextAreaElement, line: number, column?: number): void {
  const pos = caretOffset(ta.value, line, column);
  ta.setSelectionRange(pos, pos);
}
