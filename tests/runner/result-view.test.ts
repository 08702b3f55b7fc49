import { afterEach, describe, expect, test, vi } from "vitest";
import { errorLabel, framePosition, judge, ResultView } from "../../src/runner/client/result-view";
import type { RunOutcome } from "../../src/runner/protocol";
import { find, snippetSection } from "./fixture";
import { useHappyDom } from "./happy-dom";

useHappyDom();

afterEach(() => {
  document.body.replaceChildren();
});

const ran = (output: string, extra: Partial<RunOutcome> = {}): RunOutcome => ({ output, hosts: [], ...extra });
const syntax = { kind: "syntax", message: "SyntaxError: Unexpected token", line: 2, column: 16 } as const;

describe("judge", () => {
  test("the same output matches, with the run's time", () => {
    expect(judge(ran("a\nb", { ms: 12.4 }), "v6.5", "a\nb")).toEqual({
      result: "match",
      status: "✓ Matches the expected output on v6.5 (12 ms).",
      tone: "ok",
    });
    expect(judge(ran("a", { ms: 0.2 }), "v6.5", "a").status).toBe("✓ Matches the expected output on v6.5 (<1 ms).");
  });

  test("other output differs, with the diff and the number of changed lines", () => {
    const v = judge(ran("kernel v6.5\n0", { ms: 3 }), "v6.5", "kernel v6.5\n-34");
    expect(v.result).toBe("differs");
    expect(v.tone).toBe("bad");
    expect(v.status).toBe("✗ Differs from the expected output on v6.5: 2 lines changed (3 ms).");
    expect(v.diff).toEqual([
      { op: " ", text: "kernel v6.5" },
      { op: "-", text: "-34" },
      { op: "+", text: "0" },
    ]);
    expect(judge(ran("a\nb"), "v6.5", "a").status).toBe("✗ Differs from the expected output on v6.5: 1 line changed.");
  });

  test("without an expected output for the profile, it only ran", () => {
    expect(judge(ran("x", { ms: 1 }), "v6.1", undefined)).toEqual({
      result: "ran",
      status: "Ran on v6.1 (1 ms); this snippet has no expected output for v6.1.",
      tone: "",
    });
  });

  test("an error wins over the output, a timeout is its own result", () => {
    expect(judge(ran("x", { error: syntax }), "v6.5", "x")).toEqual({
      result: "error",
      status: "SyntaxError at line 2, column 16: Unexpected token",
      tone: "bad",
    });
    const timeout = { kind: "timeout", message: "Stopped: the snippet ran longer than 3 s." } as const;
    expect(judge(ran("", { error: timeout }), "v6.5", "x")).toEqual({
      result: "timeout",
      status: "Stopped: the snippet ran longer than 3 s.",
      tone: "bad",
    });
  });
});

describe("error positions", () => {
  test("errorLabel puts the position (describePosition) after the error's name", () => {
    expect(errorLabel({ kind: "runtime", message: "TypeError: o is null", line: 3, column: 5 })).toBe(
      "TypeError at line 3, column 5: o is null",
    );
    expect(errorLabel({ kind: "runtime", message: "Error: a: b", line: 3 })).toBe("Error at line 3: a: b");
    expect(errorLabel({ kind: "runtime", message: "Error: the runner could not start (x)" })).toBe(
      "Error: the runner could not start (x)",
    );
  });
  test("framePosition names the snippet file as its stack frames do", () => {
    expect(framePosition(syntax)).toBe("snippet.ts:2:16");
    expect(framePosition({ kind: "runtime", message: "E: x", line: 4 })).toBe("snippet.ts:4");
    expect(framePosition({ kind: "runtime", message: "E: x" })).toBe("");
  });
});

describe("ResultView", () => {
  test("the page ships the result box empty; the view builds its parts once, hidden until a run", () => {
    const section = snippetSection();
    const box = find(section, "[data-runner-result]");
    expect(box.childElementCount).toBe(0);
    new ResultView(section);
    const parts = () =>
      [
        ...box.querySelectorAll(
          "[data-runner-profile], [data-runner-output], [data-runner-dropped], [data-runner-error], [data-runner-diff]",
        ),
      ].map((e) => e.getAttributeNames().find((n) => n.startsWith("data-runner-")));
    expect(parts()).toEqual([
      "data-runner-profile",
      "data-runner-output",
      "data-runner-dropped",
      "data-runner-error",
      "data-runner-diff",
    ]);
    expect(box.hidden).toBe(true);
    expect([...box.querySelectorAll("pre")].map((p) => p.getAttribute("tabindex"))).toEqual(["0", "0"]);
    new ResultView(section);
    expect(parts()).toHaveLength(5);
  });

  function view() {
    const section = snippetSection();
    return { section, view: new ResultView(section), goto: vi.fn() };
  }

  test("shows the output under its profile", () => {
    const { section, view: v, goto } = view();
    const outcome = ran("hello\nworld");
    v.show(outcome, "v6.5+fix", judge(outcome, "v6.5+fix", "hello\nworld"), goto);
    expect(find(section, "[data-runner-result]").hidden).toBe(false);
    expect(find(section, "[data-runner-profile]").textContent).toBe("v6.5+fix");
    expect(find(section, "[data-runner-output]").textContent).toBe("hello\nworld");
    expect(find(section, "[data-runner-error]").hidden).toBe(true);
    expect(find(section, "[data-runner-diff]").hidden).toBe(true);
  });

  test("no output says so", () => {
    const { section, view: v, goto } = view();
    v.show(ran(""), "v6.5", judge(ran(""), "v6.5", ""), goto);
    const out = find(section, "[data-runner-output]");
    expect(out.textContent).toBe("(no output)");
    expect(out.classList.contains("msi-runner__empty")).toBe(true);
    v.show(ran("x"), "v6.5", judge(ran("x"), "v6.5", "x"), goto);
    expect(out.classList.contains("msi-runner__empty")).toBe(false);
  });

  test("a diff shows each line, marked expected (−), printed (+) or both", () => {
    const { section, view: v, goto } = view();
    const outcome = ran("same\nprinted");
    v.show(outcome, "v6.5", judge(outcome, "v6.5", "same\nexpected"), goto);
    const diff = find(section, "[data-runner-diff]");
    expect(diff.hidden).toBe(false);
    expect(diff.querySelector("figcaption")?.textContent).toBe("Difference: − expected, + printed");
    expect([...diff.querySelectorAll("pre span")].map((s) => [s.className, s.textContent])).toEqual([
      ["msi-runner__d msi-runner__d--same", "  same\n"],
      ["msi-runner__d msi-runner__d--del", "− expected\n"],
      ["msi-runner__d msi-runner__d--add", "+ printed\n"],
    ]);
  });

  test("an error shows its position and message, and a button that opens the editor there", () => {
    const { section, view: v, goto } = view();
    const outcome = ran("before", { error: { kind: "runtime", message: "TypeError: o is null", line: 3, column: 5 } });
    v.show(outcome, "v6.5", judge(outcome, "v6.5", "before"), goto);
    const box = find(section, "[data-runner-error]");
    expect(box.hidden).toBe(false);
    expect(box.dataset.kind).toBe("runtime");
    expect(find(box, ".msi-runner__pos").textContent).toBe("snippet.ts:3:5");
    expect(find(box, "p").textContent).toBe("snippet.ts:3:5 TypeError: o is null");
    expect(find(section, "[data-runner-output]").textContent).toBe("before");
    const button = find(box, "button");
    expect(button.textContent).toBe("Show line 3 in the editor");
    button.click();
    expect(goto).toHaveBeenCalledWith(3, 5);
  });

  test("an error without a position has no position and no button; the next run clears it", () => {
    const { section, view: v, goto } = view();
    const failed = ran("", { error: { kind: "timeout", message: "Stopped." } });
    v.show(failed, "v6.5", judge(failed, "v6.5", "x"), goto);
    const box = find(section, "[data-runner-error]");
    expect(box.querySelector(".msi-runner__pos")).toBeNull();
    expect(box.querySelector("button")).toBeNull();
    expect(box.textContent).toBe("Stopped.");
    v.show(ran("x"), "v6.5", judge(ran("x"), "v6.5", "x"), goto);
    expect(box.hidden).toBe(true);
    expect(box.textContent).toBe("");
  });

  test("a capped run says how many lines it did not keep; a long diff shows its first lines and a count", () => {
    const { section, view: v, goto } = view();
    const printed = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    const outcome = ran(printed, { dropped: 99_000 });
    const verdict = judge(outcome, "v6.5", "expected");
    expect(verdict.status).toBe(
      "✗ Differs from the expected output on v6.5: 1,001 lines changed. 99,000 more lines were not kept: a run keeps at most 1,000 lines and 64 KB of output.",
    );
    v.show(outcome, "v6.5", verdict, goto);
    const dropped = find(section, "[data-runner-dropped]");
    expect(dropped.hidden).toBe(false);
    expect(dropped.textContent).toMatch(/^99,000 more lines were not kept/);
    const rows = [...find(section, "[data-runner-diff]").querySelectorAll("pre span")];
    expect(rows).toHaveLength(201);
    expect(rows[200].textContent).toBe("… 801 more lines of difference are not shown.");
    // The next run, not capped, hides the note.
    v.show(ran("x"), "v6.5", judge(ran("x"), "v6.5", "x"), goto);
    expect(dropped.hidden).toBe(true);
  });

  test("a crash says what happened, as it is", () => {
    const crash = { kind: "crash", message: "Stopped: the snippet's worker went away." } as const;
    expect(judge(ran("", { error: crash }), "v6.5", "x")).toEqual({
      result: "error",
      status: "Stopped: the snippet's worker went away.",
      tone: "bad",
    });
  });

  test("hide() hides the result box", () => {
    const { section, view: v, goto } = view();
    v.show(ran("x"), "v6.5", judge(ran("x"), "v6.5", "x"), goto);
    v.hide();
    expect(find(section, "[data-runner-result]").hidden).toBe(true);
  });
});
