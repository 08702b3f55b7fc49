/**
 * axe-core finds no violations on any page of the built site (enumerated from
 * dist/, see pages.ts), in the light and the dark theme, at 1280 and 390 px.
 * No rule is switched off and no part of a page is excluded: the pictures and
 * Starlight's own parts are scanned like everything else. One finding is set
 * aside, on one element (see STARLIGHT_SEARCH in axe.ts), and only that one.
 * The runner's states after Run, Edit and errors are scanned in runner.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { axeViolations } from "./axe";
import { type Browser, launch } from "./browser";
import { builtPages } from "./pages";

const PAGES = builtPages();

test("there are pages to scan", () => {
  expect(PAGES.length, "no pages in dist/: run `npm run test:e2e`, which builds first").toBeGreaterThan(1);
});

const VIEWS = [
  { theme: "light", width: 1280 },
  { theme: "dark", width: 1280 },
  { theme: "light", width: 390 },
  { theme: "dark", width: 390 },
] as const;

describe.each(VIEWS)("axe-core, $theme theme, $width px", ({ theme, width }) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch({ colorScheme: theme, viewport: { width, height: 900 } });
    // Starlight reads the theme from localStorage before the first paint.
    await browser.context.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test.each(PAGES)("%s has no violations", async (path) => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${inject("baseUrl")}${path}`, { waitUntil: "networkidle" });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
