/**
 * Pictures after Reset: the caption always says what is drawn, and Reset brings
 * back the published picture exactly as the build drew it.
 */
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";
import { editorInput, editorValue, fillEditor } from "./edit-run";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const SEED = "start/overview/seed-scenario";
const PARTS = ["[data-picture-drawing]", "[data-picture-table]", "[data-picture-legend]"];

test("edited run, then a throwing run: the caption names what is drawn; Reset restores the published picture", async () => {
  const base = inject("baseUrl");
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/`, { waitUntil: "networkidle" });
  const section = page.locator(`section.msi-snippet[data-snippet="${SEED}"]`);
  const figure = page.locator(`figure[data-picture-for="${SEED}"]`);
  const live = figure.locator("[data-picture-live]");
  const label = () => figure.locator("ol.msi-pic__steps").getAttribute("aria-label");
  const parts = () => Promise.all(PARTS.map((p) => figure.locator(p).innerHTML()));
  const warning = () =>
    figure.locator("[data-picture-warning]").evaluate((w: HTMLElement) => [w.hidden, w.textContent]);
  const published = await parts();
  const publishedWarning = await warning();
  expect(await label()).toContain("Table Size is 64");

  await section.locator("[data-action=edit]").click();
  await editorInput(section).waitFor();
  const original = await editorValue(section);
  await fillEditor(section, original.replace("firmwareSetMsixCount(64)", "firmwareSetMsixCount(16)"));
  await section.locator("[data-action=run]").click();
  await page.locator(`figure[data-picture-for="${SEED}"][data-picture-live="edited"]`).waitFor({ timeout: 20_000 });
  expect(await label()).toContain("Table Size is 16");

  await fillEditor(section, `throw new Error("no host today");\n${await editorValue(section)}`);
  await section.locator("[data-action=run]").click();
  await expect.poll(() => live.textContent(), { timeout: 20_000 }).toContain("Not re-drawn");
  // The caption and the picture agree: the edited run is what is drawn, not the published one.
  expect(await live.textContent()).not.toContain("published run");
  expect(await live.textContent()).toContain("edited snippet");
  expect(await label()).toContain("Table Size is 16");
  expect(await figure.getAttribute("data-picture-live")).toBe("edited");

  await section.locator("[data-action=reset]").click();
  await expect.poll(() => figure.getAttribute("data-picture-live"), { timeout: 20_000 }).toBeNull();
  await expect.poll(() => live.textContent(), { timeout: 20_000 }).toContain("published run");
  // Byte for byte what the build drew.
  expect(await parts()).toEqual(published);
  expect(await warning()).toEqual(publishedWarning);
  expect(await label()).toContain("Table Size is 64");
  expect(await section.locator("[data-editor]").count()).toBe(0);

  // A plain Run afterwards re-draws from the published snippet, not from the dropped edit.
  await section.locator("[data-action=run]").click();
  await page.locator(`figure[data-picture-for="${SEED}"][data-picture-live="run"]`).waitFor({ timeout: 20_000 });
  expect(await parts()).toEqual(published);
  expect(errors).toEqual([]);
});
