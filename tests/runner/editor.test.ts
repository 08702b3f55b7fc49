import { afterEach, describe, expect, test, vi } from "vitest";
import { caretOffset, createEditor, placeCaret } from "../../src/runner/client/editor";
import { useHappyDom } from "./happy-dom";

useHappyDom();

afterEach(() => {
  document.body.replaceChildren();
});

function editor(body = "const a = 1;\nif (a) {\n  console.log(a);\n}\n") {
  const onRun = vi.fn();
  const ta = createEditor({ id: "s-editor", body, label: "Edit the snippet: a.ts", describedBy: "s-hint", onRun });
  document.body.append(ta);
  ta.focus();
  return { ta, onRun };
}

/** Presses a key in the editor; returns whether the editor took it (prevented the default). */
function press(ta: HTMLTextAreaElement, key: string, mods: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...mods });
  ta.dispatchEvent(event);
  return event.defaultPrevented;
}

describe("createEditor", () => {
  test("holds the code, named and described, and sized to it", () => {
    const { ta } = editor();
    expect(ta.value).toBe("const a = 1;\nif (a) {\n  console.log(a);\n}\n");
    expect(ta.id).toBe("s-editor");
    expect(ta.className).toBe("msi-runner__editor");
    expect(ta.getAttribute("aria-label")).toBe("Edit the snippet: a.ts");
    expect(ta.getAttribute("aria-describedby")).toBe("s-hint");
    expect(ta.getAttribute("wrap")).toBe("off");
    expect(ta.spellcheck).toBe(false);
    expect(ta.getAttribute("rows")).toBe("6"); // at least six
    const long = editor(Array.from({ length: 10 }, (_, i) => `line ${i}`).join("\n")).ta;
    expect(long.getAttribute("rows")).toBe("11");
  });

  test("Tab inserts two spaces at the caret", () => {
    const { ta } = editor("x");
    ta.setSelectionRange(1, 1);
    expect(press(ta, "Tab")).toBe(true);
    expect(ta.value).toBe("x  ");
  });

  test("Escape, then Tab, leaves the editor (the Tab is not taken); the Tab after that indents again", () => {
    const { ta } = editor("x");
    ta.setSelectionRange(1, 1);
    press(ta, "Escape");
    expect(press(ta, "Tab")).toBe(false);
    expect(ta.value).toBe("x");
    expect(press(ta, "Tab")).toBe(true);
    expect(ta.value).toBe("x  ");
  });

  test("Escape is forgotten after another key; Shift+Tab is never taken", () => {
    const { ta } = editor("x");
    ta.setSelectionRange(1, 1);
    press(ta, "Escape");
    press(ta, "a");
    expect(press(ta, "Tab")).toBe(true);
    expect(press(ta, "Tab", { shiftKey: true })).toBe(false);
  });

  test("Enter keeps the current line's indent", () => {
    const { ta } = editor("if (a) {\n    b();");
    ta.setSelectionRange(ta.value.length, ta.value.length);
    expect(press(ta, "Enter")).toBe(true);
    expect(ta.value).toBe("if (a) {\n    b();\n    ");
  });

  test("Ctrl+Enter and Cmd+Enter run; plain Enter does not", () => {
    const { ta, onRun } = editor("x");
    expect(press(ta, "Enter", { ctrlKey: true })).toBe(true);
    expect(press(ta, "Enter", { metaKey: true })).toBe(true);
    expect(onRun).toHaveBeenCalledTimes(2);
    expect(ta.value).toBe("x");
    press(ta, "Enter");
    expect(onRun).toHaveBeenCalledTimes(2);
  });

  test("grows with the code typed into it", () => {
    const { ta } = editor("a");
    ta.value = Array.from({ length: 8 }, () => "x").join("\n");
    ta.dispatchEvent(new Event("input"));
    expect(ta.getAttribute("rows")).toBe("9");
  });
});

describe("the caret at an error position", () => {
  const code = "const a: number = 1;\nconsole.log(a +);\n";
  test("caretOffset counts 1-based lines and columns", () => {
    expect(caretOffset(code, 1, 1)).toBe(0);
    expect(caretOffset(code, 2, 16)).toBe("const a: number = 1;\n".length + 15);
    expect(caretOffset(code, 2)).toBe("const a: number = 1;\n".length);
  });
  test("a line past the end stays after the last line", () => {
    expect(caretOffset("ab\ncd", 9, 1)).toBe("ab\ncd".length + 1);
  });
  test("placeCaret selects nothing and puts the caret there", () => {
    const { ta } = editor(code);
    placeCaret(ta, 2, 16);
    expect([ta.selectionStart, ta.selectionEnd]).toEqual([36, 36]);
  });
});
