/** The built site opens in Chromium without console errors, on every page of the sidebar. */
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test("every page opens without console errors or failed requests", async () => {
  const base = inject("baseUrl");
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.url()}: HTTP ${r.status()}`);
  });
  await page.goto(`${base}/`);
  const links = await page.$$eval("nav.sidebar a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(links.length).toBeGreaterThan(0);
  for (const href of new Set(links)) {
    await page.goto(href, { waitUntil: "networkidle" });
    await page.locator("main h1").first().waitFor({ state: "visible" });
  }
  expect(errors).toEqual([]);
});
