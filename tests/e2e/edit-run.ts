/**
 * Running edited snippets on the built site in Chromium, for the tests of what
 * edited code can and cannot do (sandbox.test.ts, runs.test.ts).
 */
import type { Locator, Page } from "playwright-core";
import { expect, inject } from "vitest";
import type { Browser } from "./browser";

/** Opens `path` of the built site in a new page of `browser`, after `init` (routes, init scripts). */
export async function open(browser: Browser, path = "/", init?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.context.newPage();
  await init?.(page);
  await page.goto(`${inject("baseUrl")}${path}`, { waitUntil: "networkidle" });
  return page;
}

/** The first snippet section on the page, or the one whose `data-snippet` is `src`. */
export function snippet(page: Page, src?: string): Locator {
  return src ? page.locator(`section.msi-snippet[data-snippet="${src}"]`) : page.locator("section.msi-snippet").first();
}

/** Waits until the snippet's run has finished and returns its result kind. */
export async function result(section: Locator, timeout = 15_000): Promise<string> {
  const runner = section.locator("[data-runner]");
  await expect
    .poll(async () => (await runner.getAttribute("data-result")) ?? "", { timeout, interval: 25 })
    .toMatch(/^(match|differs|error|timeout|ran)$/);
  return (await runner.getAttribute("data-result")) ?? "";
}

/**
 * The editing surface of the snippet's code editor: CodeMirror's content element (the
 * element that takes focus and keys). Only CodeMirror matches, so a test that drives it
 * fails if the plain fallback editor opened instead.
 */
export const editorInput = (section: Locator): Locator => section.locator("[data-editor=codemirror] .cm-content");

/** The code in the snippet's open editor (either kind), read through the editor's own hook (`msiEditor`). */
export async function editorValue(section: Locator): Promise<string> {
  return section
    .locator("[data-editor]")
    .evaluate((e) => (e as HTMLElement & { msiEditor: { value: string } }).msiEditor.value);
}

/** The caret's offset in the snippet's open editor. */
export async function editorCaret(section: Locator): Promise<number> {
  return section
    .locator("[data-editor]")
    .evaluate((e) => (e as HTMLElement & { msiEditor: { caret: number } }).msiEditor.caret);
}

/** Opens the snippet's editor (CodeMirror) if it is not open, and waits until it has focus. */
export async function openEditor(section: Locator): Promise<Locator> {
  const input = editorInput(section);
  if ((await input.count()) === 0) await section.locator("[data-action=edit]").click();
  await input.waitFor();
  return input;
}

/**
 * Replaces the code in the snippet's CodeMirror editor as a reader would: select all with the
 * keyboard, then paste (a `paste` event carrying the text, which CodeMirror inserts as it is).
 * Checks that the editor then holds exactly `code`.
 */
export async function fillEditor(section: Locator, code: string): Promise<void> {
  const input = await openEditor(section);
  await input.focus();
  await input.press("ControlOrMeta+a");
  await input.evaluate((e, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    e.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, code);
  expect(await editorValue(section)).toBe(code);
}

/** Opens the editor of `section`, replaces its code and runs it; returns the result kind. */
export async function runEdited(section: Locator, code: string, timeout?: number): Promise<string> {
  await fillEditor(section, code);
  await section.locator("[data-action=run]").click();
  return result(section, timeout);
}

/** The text of the snippet's output box. */
export const output = async (section: Locator) => (await section.locator("[data-runner-output]").textContent()) ?? "";
/** The text of the snippet's status line. */
export const status = async (section: Locator) => (await section.locator("[data-runner-status]").textContent()) ?? "";

/** Records every long task (over 50 ms) from the start of the page, in `window.longTasks`. */
export async function observeLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

/** Forgets the long tasks so far. */
export async function resetLongTasks(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
  });
}
