/**
 * The pictures are legible at 1280 and 390 px (issue 16, "Pictures"): no text in a
 * drawing, its legend or its key values is smaller than a code block's text; every
 * picture has a visible legend; at 390 px the page does not scroll sideways and the
 * key values (such as "stale (≠ 64)") are readable as text above a drawing that is
 * wider than the column.
 */
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";

const PAGES = ["/", "/the-bug/step-by-step/", "/the-bug/the-patch/", "/upstream/review/"];

interface Measured {
  codePx: number;
  overflow: number;
  viewport: number;
  figures: {
    kind: string;
    minPx: number;
    smallest: string;
    legendItems: number;
    drawingOverflows: boolean;
    keysVisible: boolean;
    keysText: string;
    keysRight: number;
    keysScrolls: boolean;
  }[];
}

/** In the page: the code block's text size, and per picture the smallest rendered text and the key values. */
function measure(): Measured {
  const code = document.querySelector(".expressive-code pre code");
  const codePx = code ? Number.parseFloat(getComputedStyle(code).fontSize) : Number.NaN;
  const px = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize);
  const figures = [...document.querySelectorAll<HTMLElement>("figure.msi-pic")].map((fig) => {
    const svg = fig.querySelector<SVGSVGElement>("svg.msi-pic__svg");
    const scale = svg?.getScreenCTM()?.a ?? Number.NaN;
    let minPx = Number.POSITIVE_INFINITY;
    let smallest = "";
    const consider = (el: Element, size: number) => {
      if ((el.textContent ?? "").trim() === "" || size >= minPx) return;
      minPx = size;
      smallest = (el.textContent ?? "").slice(0, 40);
    };
    for (const t of svg?.querySelectorAll("text, tspan") ?? []) consider(t, px(t) * scale);
    for (const li of fig.querySelectorAll(".msi-pic__legend li, .msi-pic__keys li"))
      if ((li as HTMLElement).offsetParent !== null) consider(li, px(li));
    const box = fig.querySelector<HTMLElement>(".msi-pic__scroll");
    const keys = fig.querySelector<HTMLElement>(".msi-pic__keys");
    return {
      kind: fig.dataset.picture ?? "",
      minPx,
      smallest,
      legendItems: [...fig.querySelectorAll<HTMLElement>(".msi-pic__legend li")].filter(
        (li) => li.offsetParent !== null,
      ).length,
      drawingOverflows: box ? box.scrollWidth > box.clientWidth : false,
      keysVisible: keys ? keys.offsetParent !== null : false,
      keysText: keys?.textContent ?? "",
      keysRight: keys?.getBoundingClientRect().right ?? 0,
      keysScrolls: keys ? keys.scrollWidth > keys.clientWidth : false,
    };
  });
  const root = document.documentElement;
  return { codePx, overflow: root.scrollWidth - root.clientWidth, viewport: root.clientWidth, figures };
}

const browsers: Record<number, Browser> = {};
beforeAll(async () => {
  for (const width of [1280, 390]) browsers[width] = await launch({ viewport: { width, height: 900 } });
});
afterAll(async () => {
  for (const b of Object.values(browsers)) await b.close();
});

for (const width of [1280, 390]) {
  test(`at ${width} px no picture text is smaller than a code block's, and every picture has a legend`, async () => {
    const page = await browsers[width].context.newPage();
    for (const path of PAGES) {
      await page.goto(`${inject("baseUrl")}${path}`);
      const m = await page.evaluate(measure);
      expect(m.codePx, `${path}: a code block`).toBeGreaterThan(10);
      expect(m.figures.length, path).toBeGreaterThan(0);
      for (const f of m.figures) {
        const where = `${path} at ${width} px, ${f.kind} picture: "${f.smallest}"`;
        expect(f.minPx, where).toBeGreaterThanOrEqual(m.codePx - 0.01);
        expect(f.legendItems, `${where}: legend`).toBeGreaterThanOrEqual(3);
        // The key values show exactly when the drawing is wider than its box, and never scroll.
        expect(f.keysVisible, `${where}: key values shown when the drawing scrolls`).toBe(f.drawingOverflows);
        if (f.keysVisible) {
          expect(f.keysScrolls, where).toBe(false);
          expect(f.keysRight, where).toBeLessThanOrEqual(m.viewport);
        }
      }
      if (width === 390) expect(m.overflow, `${path}: the page scrolls sideways at 390 px`).toBe(0);
    }
    await page.close();
  });
}

test("at 390 px the stale hwsize reads as text above the drawing", async () => {
  const page = await browsers[390].context.newPage();
  await page.goto(`${inject("baseUrl")}/`);
  const m = await page.evaluate(measure);
  const state = m.figures.find((f) => f.kind === "state");
  expect(state?.drawingOverflows).toBe(true);
  expect(state?.keysVisible).toBe(true);
  expect(state?.keysText).toContain("domain hwsize 8 ⚠ stale (≠ 64)");
  const timeline = m.figures.find((f) => f.kind === "timeline");
  expect(timeline?.keysText).toContain("msi_insert_desc(index=8, hwsize=8) = -34 ERANGE fails here");
  await page.close();
});
