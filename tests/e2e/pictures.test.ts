/**
 * The pictures in the built site: drawn at build time (visible with JavaScript
 * off), and re-drawn from the worker's run after Run and after an edit.
 */
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";
import { editorInput, editorValue, fillEditor } from "./edit-run";

let browser: Browser;
let noJs: Browser;
beforeAll(async () => {
  browser = await launch();
  noJs = await launch({ javaScriptEnabled: false });
});
afterAll(async () => {
  await browser?.close();
  await noJs?.close();
});

const SEED = "start/overview/seed-scenario";

test("pictures are in the page without JavaScript, as labelled drawings that are text or have a text alternative", async () => {
  const base = inject("baseUrl");
  const page = await noJs.context.newPage();
  for (const path of ["/", "/the-bug/step-by-step/", "/the-bug/the-patch/", "/upstream/review/"]) {
    await page.goto(`${base}${path}`);
    const figures = page.locator("figure.msi-pic");
    expect(await figures.count(), path).toBeGreaterThan(0);
    for (const fig of await figures.all()) {
      const kind = await fig.getAttribute("data-picture");
      // The drawing is its own text: a list (of calls, of steps) or a table (two traces side by
      // side), named by its summary, every item readable.
      const drawing = fig.locator("[data-picture-drawing] :is(ol, table)[aria-label]");
      expect(await drawing.isVisible()).toBe(true);
      expect((await drawing.getAttribute("aria-label"))?.length).toBeGreaterThan(40);
      // (textContent, not innerText: an off-screen picture skips rendering, content-visibility: auto.)
      if (kind === "state") {
        const steps = fig.locator("li.msi-pic__state");
        expect(await steps.count()).toBeGreaterThan(0);
        for (const text of await steps.allTextContents())
          expect(text).toMatch(/^(✖ |⚠ )?Steps? \d+[\s\S]*Table Size \(config\)\d+ · (en|dis)abled\s*domain hwsize\S/);
      } else {
        const calls = fig.locator(".msi-pic__row");
        expect(await calls.count()).toBeGreaterThan(2);
        for (const text of await calls.locator("code").allTextContents()) expect(text).toMatch(/^([✖↑↷⚠]\u00a0)?\w+\(/);
      }
      expect(await fig.locator(".msi-pic__legend li").count()).toBeGreaterThan(2);
    }
  }
  await page.goto(`${base}/`);
  const state = page.locator(`figure[data-picture-for="${SEED}"]`);
  expect(await state.locator("ol.msi-pic__steps").getAttribute("aria-label")).toContain(
    "the MSI-X Table Size is 64 but the domain's hwsize is still 8",
  );
  await page.goto(`${base}/the-bug/the-patch/`);
  expect(await page.locator("tr.msi-pic__diverge").count()).toBe(1);
});

test("Run and Run of an edit re-draw the pictures of that snippet", async () => {
  const base = inject("baseUrl");
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(`${base}/`, { waitUntil: "networkidle" });
  const section = page.locator(`section.msi-snippet[data-snippet="${SEED}"]`);
  const figure = page.locator(`figure[data-picture-for="${SEED}"]`);
  const before = await figure.locator("[data-picture-drawing]").innerHTML();

  await section.locator("[data-action=run]").click();
  await page.locator(`figure[data-picture-for="${SEED}"][data-picture-live="run"]`).waitFor({ timeout: 20_000 });
  expect(await figure.locator("[data-picture-live]").textContent()).toContain("Re-drawn from your run on v6.5");
  // The same code on the same kernel draws the same picture.
  expect(await figure.locator("[data-picture-drawing]").innerHTML()).toBe(before);

  await section.locator("[data-action=edit]").click();
  await editorInput(section).waitFor();
  await fillEditor(
    section,
    (await editorValue(section)).replace("firmwareSetMsixCount(64)", "firmwareSetMsixCount(16)"),
  );
  await section.locator("[data-action=run]").click();
  await page.locator(`figure[data-picture-for="${SEED}"][data-picture-live="edited"]`).waitFor({ timeout: 20_000 });
  const label = await figure.locator("ol.msi-pic__steps").getAttribute("aria-label");
  expect(label).toContain("the MSI-X Table Size is 16 but the domain's hwsize is still 8");
  expect(await figure.locator('li.msi-pic__state[data-table-size="16"]').count()).toBeGreaterThan(0);
  // The values in words are re-drawn with the picture.
  expect(await figure.locator(".msi-pic__value--stale").first().textContent()).toBe("8 ⚠ stale (≠ 16)");

  // An edit that fails before it creates a host cannot be drawn: the caption says what is still drawn.
  await fillEditor(section, `throw new Error("no host today");\n${await editorValue(section)}`);
  await section.locator("[data-action=run]").click();
  const live = figure.locator("[data-picture-live]");
  await expect.poll(() => live.textContent(), { timeout: 20_000 }).toContain("Not re-drawn");
  expect(await live.textContent()).toContain("The picture still shows your earlier run of the edited snippet.");
  expect(await figure.locator("ol.msi-pic__steps").getAttribute("aria-label")).toBe(label);
  expect(errors).toEqual([]);
});

test("a folded timeline draws its calls as text; every call is listed when its <details> is opened", async () => {
  const base = inject("baseUrl");
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const runs: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/runs/")) runs.push(r.url());
  });
  await page.goto(`${base}/`, { waitUntil: "networkidle" });
  const fig = page.locator("figure.msi-pic--timeline").first();
  const list = fig.locator("ol.msi-pic__calls");
  const calls = Number(await list.getAttribute("data-calls"));
  const folded = Number(await list.getAttribute("data-folded"));
  expect(folded).toBeGreaterThan(0);
  // The HTML holds the drawn calls and the folds, as text, not the whole trace.
  expect(await list.locator("li.msi-pic__row").count()).toBe(calls - folded);
  const folds = await list.locator("li.msi-pic__fold").allTextContents();
  expect(folds.length).toBeGreaterThan(0);
  for (const f of folds) expect(f).toMatch(/^⋯ \d+ calls? folded.* \(#\d+–#\d+\)$/);
  const foldedCounts = await list
    .locator("li.msi-pic__fold")
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-folded"))));
  expect(foldedCounts.reduce((a, b) => a + b, 0)).toBe(folded);
  const all = fig.locator("details[data-picture-all]");
  expect(await all.locator("tr[data-seq]").count()).toBe(0);
  expect(runs).toEqual([]);
  // Opened: every call, per user action, from the published run.
  await all.locator("summary").click();
  await expect.poll(() => all.locator("tr[data-seq]").count(), { timeout: 20_000 }).toBe(calls);
  expect(runs.length).toBe(1);
  const seqs = (
    await all.locator("tr[data-seq]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-seq")))
  ).map(Number);
  expect(seqs).toEqual(Array.from({ length: calls }, (_, i) => i));
  expect(errors).toEqual([]);
});

test("without JavaScript the 'all calls' list says where the run's text is", async () => {
  const base = inject("baseUrl");
  const page = await noJs.context.newPage();
  await page.goto(`${base}/`);
  const all = page.locator("figure.msi-pic--timeline details[data-picture-all]").first();
  await all.locator("summary").click();
  expect(await all.textContent()).toContain("the snippet's expected output above is the run's printed text");
});
