import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createTextareaEditor, type EditorOptions } from "../../src/runner/client/editor";
import {
  attach,
  type EditorFactory,
  RUN_EVENT,
  type RunEventDetail,
  SnippetController,
} from "../../src/runner/client/runner";
import type { SnippetData } from "../../src/runner/client/snippet-data";
import type { RunInput } from "../../src/runner/client/worker-client";
import type { RunOutcome } from "../../src/runner/protocol";
import { find, snippetSection } from "./fixture";
import { useHappyDom } from "./happy-dom";

useHappyDom();

const DATA: SnippetData = {
  src: "demo/page/passes",
  title: "passes.ts",
  body: 'console.log("kernel", KERNEL);\n',
  bodyOffset: 2,
  js: "/* precompiled */",
  mappings: "AAAA",
  outputs: [
    { profile: "v6.5", text: "kernel v6.5" },
    { profile: "v6.5+fix", text: "kernel v6.5+fix" },
  ],
};

/** A worker client that prints "kernel <profile>" for the published script, or what `edited` says. */
function fakeWorker(edited: (code: string) => RunOutcome = (code) => ({ output: code.trim(), hosts: [] })) {
  const run = vi.fn(async (input: RunInput): Promise<RunOutcome> => {
    if ("code" in input) return edited(input.code);
    return { output: `kernel ${input.profile}`, ms: 1, hosts: [{ kernel: input.profile, trace: [] }] };
  });
  return { run };
}

let fetchMock: ReturnType<typeof vi.fn>;
beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify(DATA)));
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

/**
 * The editor the controller opens here: the plain one. CodeMirror (codemirror.ts) needs a real
 * browser's selection events (happy-dom dispatches selectionchange synchronously, inside
 * CodeMirror's own update); the browser tests (tests/e2e/runner.test.ts) drive it in Chromium.
 */
const plainEditor = async (): Promise<EditorFactory> => createTextareaEditor;

function setup(edited?: (code: string) => RunOutcome, loadEditor = plainEditor) {
  const section = snippetSection();
  const worker = fakeWorker(edited);
  const controller = new SnippetController(section, worker, loadEditor);
  const events: RunEventDetail[] = [];
  document.addEventListener(RUN_EVENT, (e) => events.push((e as CustomEvent<RunEventDetail>).detail));
  const runner = find(section, "[data-runner]");
  const status = () => find(section, "[data-runner-status]").textContent;
  return { section, worker, controller, events, runner, status };
}

const click = (section: HTMLElement, action: string) => find(section, `[data-action=${action}]`).click();
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("SnippetController", () => {
  test("Run runs the published script on the selected profile and says it matches", async () => {
    const { section, worker, controller, events, runner, status } = setup();
    expect(fetchMock).toHaveBeenCalledWith("/base/snippets/demo/page/passes.json", undefined);
    await controller.run();
    expect(worker.run).toHaveBeenCalledWith({ profile: "v6.5", js: DATA.js, mappings: DATA.mappings });
    expect(runner.dataset.result).toBe("match");
    expect(status()).toBe("✓ Matches the expected output on v6.5 (1 ms).");
    expect(find(section, "[data-runner-output]").textContent).toBe("kernel v6.5");
    expect(find(section, "[data-action=reset]").getAttribute("aria-disabled")).toBe("false");
    expect(events).toEqual([
      {
        src: "demo/page/passes",
        profile: "v6.5",
        result: { output: "kernel v6.5", ms: 1, hosts: [{ kernel: "v6.5", trace: [] }] },
        code: undefined,
      },
    ]);
  });

  test("while a run is in flight the controls say so, and another Run is ignored", async () => {
    const { section, worker, controller, runner, status } = setup();
    const first = controller.run();
    expect(runner.dataset.result).toBe("running");
    expect(status()).toBe("Running on v6.5…");
    expect(find(section, "[data-action=run]").getAttribute("aria-disabled")).toBe("true");
    await controller.run();
    await first;
    expect(worker.run).toHaveBeenCalledTimes(1);
    expect(find(section, "[data-action=run]").getAttribute("aria-disabled")).toBe("false");
  });

  test("the profile switch marks the expected output, and re-runs once there is a result", async () => {
    const { section, worker, controller, runner } = setup();
    const pick = async (profile: string) => {
      const radio = find<HTMLInputElement>(section, `input[value="${profile}"]`);
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
      await settle();
    };
    await pick("v6.5+fix");
    expect(worker.run).not.toHaveBeenCalled();
    expect(find(section, "[data-selected]").dataset.profile).toBe("v6.5+fix");
    await controller.run();
    await pick("v6.5");
    expect(worker.run).toHaveBeenLastCalledWith({ profile: "v6.5", js: DATA.js, mappings: DATA.mappings });
    expect(find(section, "[data-runner-profile]").textContent).toBe("v6.5");
    expect(runner.dataset.result).toBe("match");
  });

  test("Edit opens the code in an edit box; an edited Run sends the code and shows the diff", async () => {
    const { section, worker, controller, events, runner, status } = setup();
    await controller.edit();
    const editor = find<HTMLTextAreaElement>(section, "textarea");
    expect(editor.value).toBe(DATA.body);
    expect(document.activeElement).toBe(editor);
    expect(editor.getAttribute("aria-label")).toBe("Edit the snippet: passes.ts");
    expect(find(section, ".expressive-code").hidden).toBe(true);
    expect(status()).toMatch(/^Editing\./);

    // unchanged: still the published script
    await controller.run();
    expect(worker.run).toHaveBeenLastCalledWith({ profile: "v6.5", js: DATA.js, mappings: DATA.mappings });

    editor.value = "kernel v6.5\nextra";
    await controller.run();
    expect(worker.run).toHaveBeenLastCalledWith({ profile: "v6.5", code: "kernel v6.5\nextra" });
    expect(runner.dataset.result).toBe("differs");
    expect(status()).toBe("✗ Differs from the expected output on v6.5: 1 line changed.");
    expect(find(section, "[data-runner-diff] .msi-runner__d--add").textContent).toBe("+ extra\n");
    expect(events.at(-1)?.code).toBe("kernel v6.5\nextra");
  });

  test("Reset puts the published snippet back and clears the result", async () => {
    const { section, controller, runner, status } = setup();
    await controller.edit();
    await controller.run();
    click(section, "reset");
    expect(section.querySelector("textarea")).toBeNull();
    expect(find(section, ".expressive-code").hidden).toBe(false);
    expect(find(section, "[data-runner-result]").hidden).toBe(true);
    expect(find(section, "[data-action=reset]").getAttribute("aria-disabled")).toBe("true");
    expect(runner.hasAttribute("data-result")).toBe(false);
    expect(status()).toBe("Reset: the original snippet is back.");
    await controller.run();
    click(section, "reset");
    expect(status()).toBe("Reset: output cleared.");
  });

  test("an error's button opens the editor at the error's line and column", async () => {
    const error = { kind: "syntax", message: "SyntaxError: Unexpected token", line: 2, column: 3 } as const;
    const { section, controller, runner, status } = setup(() => ({ output: "", error, hosts: [] }));
    await controller.edit();
    find<HTMLTextAreaElement>(section, "textarea").value = "ab\ncd\n";
    await controller.run();
    expect(runner.dataset.result).toBe("error");
    expect(status()).toBe("SyntaxError at line 2, column 3: Unexpected token");
    find(section, "[data-runner-error] button").click();
    await settle();
    const editor = find<HTMLTextAreaElement>(section, "textarea");
    expect(editor.selectionStart).toBe("ab\n".length + 2);
    expect(document.activeElement).toBe(editor);
  });

  test("a run's error marks its line in the open editor; the next run clears the mark", async () => {
    const error = { kind: "syntax", message: "SyntaxError: Unexpected token", line: 2, column: 3 } as const;
    let fail = true;
    const { section, controller } = setup(() => (fail ? { output: "", error, hosts: [] } : { output: "", hosts: [] }));
    await controller.edit();
    const editor = find<HTMLTextAreaElement>(section, "textarea");
    editor.value = "ab\ncd\n";
    await controller.run();
    expect(editor.dataset.errorLine).toBe("2");
    fail = false;
    await controller.run();
    expect(editor.dataset.errorLine).toBeUndefined();
  });

  test("Edit opens the editor the loader gives, with the code, name, hint and Run", async () => {
    const made: EditorOptions[] = [];
    const load = vi.fn(
      async (): Promise<EditorFactory> => (options) => {
        made.push(options);
        return createTextareaEditor(options);
      },
    );
    const { section, controller, worker } = setup(undefined, load);
    await Promise.all([controller.edit(), controller.edit()]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      id: `${section.id}-editor`,
      body: DATA.body,
      label: "Edit the snippet: passes.ts",
      describedBy: `${section.id}-hint`,
    });
    made[0].onRun();
    await settle();
    expect(worker.run).toHaveBeenCalledTimes(1);
  });

  test("when the editor cannot load, the plain edit box opens with the same code and says why", async () => {
    const { section, controller, status } = setup(undefined, async () => {
      throw new TypeError("Failed to fetch dynamically imported module");
    });
    await controller.edit();
    const editor = find<HTMLTextAreaElement>(section, "textarea");
    expect(editor.value).toBe(DATA.body);
    expect(editor.dataset.editor).toBe("textarea");
    expect(document.activeElement).toBe(editor);
    expect(status()).toMatch(
      /^The code editor could not be loaded \(Failed to fetch dynamically imported module\), so this is a plain edit box with the same code\./,
    );
  });

  test("the buttons perform their actions; perform() ignores unknown actions", async () => {
    const { section, worker, controller } = setup();
    click(section, "run");
    await settle();
    expect(worker.run).toHaveBeenCalledTimes(1);
    click(section, "edit");
    await settle();
    expect(section.querySelector("textarea")).not.toBeNull();
    controller.perform("goto");
    expect(worker.run).toHaveBeenCalledTimes(1);
  });

  test("data that cannot be fetched is reported on Run and on Edit, and fetched again next time", async () => {
    fetchMock.mockImplementation(async () => new Response("gone", { status: 404 }));
    const { section, controller, runner, status } = setup();
    await controller.run();
    expect(runner.dataset.result).toBe("error");
    expect(status()).toBe("The runner failed: HTTP 404 for the snippet's data");
    expect(find(section, "[data-action=run]").getAttribute("aria-disabled")).toBe("false");
    await controller.edit();
    expect(status()).toBe("The snippet's code could not be loaded for editing.");
    expect(section.querySelector("textarea")).toBeNull();
    fetchMock.mockImplementation(async () => new Response(JSON.stringify(DATA)));
    await controller.run();
    expect(runner.dataset.result).toBe("match");
  });
});

describe("attach", () => {
  test("wires a snippet once and marks it ready", () => {
    const section = snippetSection();
    const c = attach(section, false);
    expect("runnerReady" in section.dataset).toBe(true);
    expect(attach(section, false)).toBe(c);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
