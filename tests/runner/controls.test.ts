import { afterEach, describe, expect, test, vi } from "vitest";
import { Controls, EDITOR_HINT } from "../../src/runner/client/controls";
import { find, snippetSection } from "./fixture";
import { useHappyDom } from "./happy-dom";

useHappyDom();

afterEach(() => {
  document.body.replaceChildren();
});

describe("Controls", () => {
  test("the page ships the edit box's hint empty; attaching the controls gives it its text, once", () => {
    const section = snippetSection();
    const hint = find(section, "[data-runner-hint]");
    expect(hint.textContent).toBe("");
    new Controls(section);
    expect(hint.textContent).toBe(EDITOR_HINT);
    expect(EDITOR_HINT).toMatch(/^Tab inserts two spaces; press Escape, then Tab straight away/);
    new Controls(section);
    expect(hint.textContent).toBe(EDITOR_HINT);
    expect(hint.hidden).toBe(true);
  });

  test("the selected profile is the checked radio, or the only profile without radios", () => {
    const two = new Controls(snippetSection({ profiles: ["v6.5", "v6.5+fix"] }));
    expect(two.profile).toBe("v6.5");
    find<HTMLInputElement>(two.section, 'input[value="v6.5+fix"]').checked = true;
    expect(two.profile).toBe("v6.5+fix");
    const one = new Controls(snippetSection({ src: "demo/page/one", profiles: ["v6.1"] }));
    expect(one.section.querySelector("input")).toBeNull();
    expect(one.profile).toBe("v6.1");
  });

  test("markProfile marks the expected output of the selected profile only", () => {
    const c = new Controls(snippetSection());
    const selected = () =>
      [...c.section.querySelectorAll<HTMLElement>("[data-selected]")].map((f) => f.dataset.profile);
    c.markProfile();
    expect(selected()).toEqual(["v6.5"]);
    find<HTMLInputElement>(c.section, 'input[value="v6.5+fix"]').checked = true;
    c.markProfile();
    expect(selected()).toEqual(["v6.5+fix"]);
  });

  test("actions: a click on a control (or inside it) names its action; other clicks do not", () => {
    const c = new Controls(snippetSection());
    const handler = vi.fn();
    c.onAction(handler);
    find(c.section, "[data-action=edit]").click();
    const run = find(c.section, "[data-action=run]");
    run.append(document.createElement("svg"));
    (run.lastChild as HTMLElement).dispatchEvent(new Event("click", { bubbles: true }));
    find(c.section, "[data-runner-status]").click();
    expect(handler.mock.calls).toEqual([["edit"], ["run"]]);
  });

  test("a profile change is reported; other changes are not", () => {
    const c = new Controls(snippetSection());
    const handler = vi.fn();
    c.onProfileChange(handler);
    const radio = find<HTMLInputElement>(c.section, 'input[value="v6.5+fix"]');
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    const other = document.createElement("input");
    other.name = "something-else";
    c.section.append(other);
    other.dispatchEvent(new Event("change", { bubbles: true }));
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test("status line, tone and data-result", () => {
    const c = new Controls(snippetSection());
    c.status("Running on v6.5…", "busy");
    const status = find(c.section, "[data-runner-status]");
    expect(status.textContent).toBe("Running on v6.5…");
    expect(status.dataset.tone).toBe("busy");
    c.status("plain");
    expect(status.dataset.tone).toBe("");
    c.state("differs");
    expect(c.root.dataset.result).toBe("differs");
    c.state("");
    expect(c.root.hasAttribute("data-result")).toBe(false);
  });

  test("busy: Run is disabled, the result busy, the state running; and back", () => {
    const c = new Controls(snippetSection());
    c.setBusy(true);
    expect(find(c.section, "[data-action=run]").getAttribute("aria-disabled")).toBe("true");
    expect(find(c.section, "[data-runner-result]").getAttribute("aria-busy")).toBe("true");
    expect(c.root.dataset.result).toBe("running");
    c.setBusy(false);
    expect(find(c.section, "[data-action=run]").getAttribute("aria-disabled")).toBe("false");
    expect(find(c.section, "[data-runner-result]").getAttribute("aria-busy")).toBe("false");
  });

  test("the edit box takes the code block's place, and gives it back", () => {
    const c = new Controls(snippetSection());
    const code = find(c.section, ".expressive-code");
    const editor = document.createElement("textarea");
    c.showEditor(editor);
    expect(code.hidden).toBe(true);
    expect(code.nextElementSibling).toBe(editor);
    expect(find(c.section, "[data-runner-hint]").hidden).toBe(false);
    expect(find(c.section, "[data-action=edit]").getAttribute("aria-pressed")).toBe("true");
    editor.remove();
    c.showEditor(undefined);
    expect(code.hidden).toBe(false);
    expect(find(c.section, "[data-runner-hint]").hidden).toBe(true);
    expect(find(c.section, "[data-action=edit]").getAttribute("aria-pressed")).toBe("false");
  });

  test("without a code block the edit box goes before the controls", () => {
    const c = new Controls(snippetSection());
    find(c.section, ".expressive-code").remove();
    const editor = document.createElement("textarea");
    c.showEditor(editor);
    expect(editor.nextElementSibling).toBe(c.root);
  });

  test("Reset is enabled and disabled", () => {
    const c = new Controls(snippetSection());
    const reset = find(c.section, "[data-action=reset]");
    c.setResettable(true);
    expect(reset.getAttribute("aria-disabled")).toBe("false");
    c.setResettable(false);
    expect(reset.getAttribute("aria-disabled")).toBe("true");
  });

  test("markup without the controls is a clear error", () => {
    const section = document.createElement("section");
    expect(() => new Controls(section)).toThrow("the snippet's runner markup has no [data-runner]");
  });
});
