/**
 * The code editor that opens on Edit: CodeMirror 6 with TypeScript highlighting, line
 * numbers, bracket matching and undo history. runner.ts imports this module dynamically
 * on the first Edit only, so Vite builds it (and CodeMirror) into a chunk of its own and
 * reading a page downloads none of it; if that chunk cannot load, runner.ts falls back to
 * the plain edit box of editor.ts.
 *
 * Keys: Tab inserts two spaces (with a selection, indents the selected lines; Ctrl+] and
 * Ctrl+[ indent and dedent); Escape and then Tab (within two seconds) moves focus out of
 * the editor, CodeMirror's documented escape (Ctrl+M switches Tab to moving focus for
 * good); Shift+Tab is left to the browser, so it always moves focus back, as it did in
 * the plain edit box; Ctrl+Enter (Cmd+Enter) runs.
 *
 * Styles: CodeMirror styles itself with style-mod, which writes a <style> element into a
 * document, and the site's content security policy (style-src-elem 'self') blocks that; in a
 * shadow root, style-mod uses a constructed style sheet (adoptedStyleSheets) instead, which
 * the policy does not govern. So the editor lives in an open shadow root on its host element,
 * and its theme (below) is style-mod's too. Its colours are Starlight's variables, which are
 * inherited into the shadow root: the *-high colours are dark on the light theme and light on
 * the dark one, so both themes stay readable. Tokens get @lezer/highlight's `tok-*` classes.
 * The hint the editor is described by is copied into the shadow root (an id reference cannot
 * cross into it), hidden: the visible one is the page's. Browser-only.
 */
import { defaultKeymap, history, historyKeymap, indentMore } from "@codemirror/commands";
import { typescriptLanguage } from "@codemirror/lang-javascript";
import { bracketMatching, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { EditorSelection, EditorState, type Extension, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";
import { type CodeEditor, type EditorOptions, hostEditor, type MarkedError } from "./editor";

/** Marks the line of a run's error (undefined clears it). */
const setError = StateEffect.define<MarkedError | undefined>();

const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setError)) continue;
      if (!e.value) {
        next = Decoration.none;
        continue;
      }
      const line = tr.state.doc.line(Math.min(Math.max(1, e.value.line), tr.state.doc.lines));
      next = Decoration.set(
        Decoration.line({
          class: "msi-cm-error",
          attributes: { title: e.value.message, "data-error-line": String(e.value.line) },
        }).range(line.from),
      );
    }
    // An edit on the marked line makes the mark stale: it goes.
    if (tr.docChanged && next.size) {
      const at = next.iter().from;
      const line = tr.state.doc.lineAt(at);
      let touched = false;
      tr.changes.iterChangedRanges((_fa, _ta, fromB, toB) => {
        if (fromB <= line.to && toB >= line.from) touched = true;
      });
      if (touched) next = Decoration.none;
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Colours and spacing, from the site's (Starlight's) variables. */
const theme = EditorView.theme({
  "&": {
    color: "var(--sl-color-white)",
    backgroundColor: "var(--sl-color-gray-6)",
    fontSize: "var(--sl-text-code-sm, 0.8125rem)",
  },
  "&.cm-focused": { outline: "2px solid var(--sl-color-text-accent)", outlineOffset: "2px" },
  ".cm-scroller": { fontFamily: "var(--__sl-font-mono, monospace)", lineHeight: "1.65" },
  ".cm-content": { paddingBlock: "0.75rem", caretColor: "var(--sl-color-white)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--sl-color-white)" },
  ".cm-gutters": {
    backgroundColor: "var(--sl-color-gray-6)",
    color: "var(--sl-color-gray-2)",
    borderRight: "1px solid var(--sl-color-gray-5)",
  },
  ".cm-activeLine, .cm-activeLineGutter": {
    backgroundColor: "color-mix(in srgb, var(--sl-color-gray-5) 45%, transparent)",
  },
  ".cm-activeLineGutter": { color: "var(--sl-color-white)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection":
    { backgroundColor: "var(--sl-color-accent-low)" },
  "&.cm-focused .cm-matchingBracket": {
    backgroundColor: "var(--sl-color-accent-low)",
    outline: "1px solid var(--sl-color-text-accent)",
  },
  "&.cm-focused .cm-nonmatchingBracket": { outline: "1px solid var(--sl-color-red)" },
  ".msi-cm-error": {
    backgroundColor: "var(--sl-color-red-low)",
    boxShadow: "inset 3px 0 0 var(--sl-color-red)",
  },
  ".tok-keyword, .tok-operator": { color: "var(--sl-color-purple-high)" },
  ".tok-string, .tok-string2": { color: "var(--sl-color-green-high)" },
  ".tok-number, .tok-bool, .tok-atom": { color: "var(--sl-color-orange-high)" },
  ".tok-typeName, .tok-className, .tok-namespace": { color: "var(--sl-color-blue-high)" },
  ".tok-definition, .tok-propertyName": { color: "var(--sl-color-accent-high)" },
  ".tok-comment": { color: "var(--sl-color-gray-2)", fontStyle: "italic" },
  ".tok-invalid": { color: "var(--sl-color-red-high)" },
});

/** The id of the hint's copy inside the shadow root. */
const HINT_ID = "msi-editor-hint";

/** Tab: with nothing selected, two spaces at the caret; with a selection, indent its lines. */
function tab(view: EditorView): boolean {
  if (view.state.readOnly) return false;
  if (view.state.selection.ranges.some((r) => !r.empty)) return indentMore(view);
  view.dispatch(view.state.replaceSelection("  "), { scrollIntoView: true, userEvent: "input.indent" });
  return true;
}

function extensions(options: EditorOptions): Extension[] {
  // CodeMirror's Escape-then-Tab escape lasts two seconds, also after the focus has left: a
  // reader who comes straight back would find Tab moving focus again. It ends when the focus
  // leaves, unless the reader switched Tab to moving focus for good (Ctrl+M).
  let tabMovesFocus = false;
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    history(),
    indentOnInput(),
    bracketMatching(),
    indentUnit.of("  "),
    EditorState.tabSize.of(2),
    // The TypeScript grammar alone: javascript() would add completions (and @codemirror/autocomplete).
    typescriptLanguage,
    syntaxHighlighting(classHighlighter),
    theme,
    errorLine,
    keymap.of([
      {
        key: "Mod-Enter",
        run: () => {
          options.onRun();
          return true;
        },
      },
      { key: "Tab", run: tab },
      {
        key: "Ctrl-m",
        mac: "Shift-Alt-m",
        run: (view) => {
          tabMovesFocus = !tabMovesFocus;
          view.setTabFocusMode(tabMovesFocus);
          return true;
        },
      },
      ...defaultKeymap,
      ...historyKeymap,
    ]),
    EditorView.domEventHandlers({
      blur: (_e, view) => {
        if (!tabMovesFocus) view.setTabFocusMode(false);
      },
    }),
    EditorView.contentAttributes.of({
      "aria-label": options.label,
      "aria-describedby": HINT_ID,
      spellcheck: "false",
      autocapitalize: "off",
      autocorrect: "off",
      translate: "no",
    }),
  ];
}

/** A CodeMirror editor holding `options.body`, in an element to put in the page. */
export function createCodeMirror(options: EditorOptions): CodeEditor {
  const host = document.createElement("div");
  host.id = options.id;
  host.className = "msi-runner__editor msi-runner__editor--cm";
  const shadow = host.attachShadow({ mode: "open" });
  const hint = document.createElement("p");
  hint.id = HINT_ID;
  hint.hidden = true;
  hint.textContent = document.getElementById(options.describedBy)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
  shadow.append(hint);
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    state: EditorState.create({ doc: options.body, extensions: extensions(options) }),
  });
  const editor: CodeEditor = {
    kind: "codemirror",
    element: host,
    get value() {
      return view.state.doc.toString();
    },
    get caret() {
      return view.state.selection.main.head;
    },
    focus: () => view.focus(),
    placeCaret(line, column) {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(l.to, l.from + Math.max(0, (column ?? 1) - 1));
      view.dispatch({
        selection: EditorSelection.cursor(pos),
        effects: EditorView.scrollIntoView(pos, { y: "center" }),
      });
    },
    markError(error) {
      view.dispatch({ effects: setError.of(error) });
    },
    destroy() {
      view.destroy();
      host.remove();
    },
  };
  return hostEditor(editor);
}
