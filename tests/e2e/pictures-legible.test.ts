/**
 * The pictures are legible at 1280 and 390 px (issue 16, "Pictures"): no text in a
 * drawing, its legend or its key values is smaller than a code block's text; every
 * picture has a visible legend; at 390 px the page does not scroll sideways and the
 * key values (such as "stale (≠ 64)") are readable as text in the drawing itself,
 * which is HTML text that wraps to the column and never scrolls sideways.
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
    /** The right edge of the drawing's widest line of text. */
    textRight: number;
    /** An HTML drawing's call where the error starts: its text and right edge. */
    originText: string;
    originRight: number;
    /** A state view's first stale hwsize: its row in words (name and value) and the value's right edge. */
    staleText: string;
    staleRight: number;
    /** Short texts without a space that the drawing breaks across lines (a scale's "64" as "6" over "4"). */
    brokenWords: string[];
  }[];
}

/** In the page: the code block's text size, and per picture the smallest rendered text and the key values. */
function measure(): Measured {
  // Lay every picture out, on screen or not (content-visibility: auto skips the off-screen ones).
  for (const fig of document.querySelectorAll<HTMLElement>("figure.msi-pic")) fig.style.contentVisibility = "visible";
  const code = document.querySelector(".expressive-code pre code");
  const codePx = code ? Number.parseFloat(getComputedStyle(code).fontSize) : Number.NaN;
  const px = (el: Element) => Number.parseFloat(getComputedStyle(el).fontSize);
  const figures = [...document.querySelectorAll<HTMLElement>("figure.msi-pic")].map((fig) => {
    const drawing = fig.querySelector<HTMLElement>("[data-picture-drawing]");
    let textRight = 0;
    const brokenWords: string[] = [];
    let minPx = Number.POSITIVE_INFINITY;
    let smallest = "";
    const consider = (el: Element, size: number) => {
      if ((el.textContent ?? "").trim() === "" || size >= minPx) return;
      minPx = size;
      smallest = (el.textContent ?? "").slice(0, 40);
    };
    // The drawing is HTML text: every element with text of its own (but words for the ear only).
    for (const el of drawing?.querySelectorAll("*") ?? [])
      if (
        [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim()) &&
        !el.closest(".sr-only")
      ) {
        consider(el, px(el));
        textRight = Math.max(textRight, el.getBoundingClientRect().right);
        // One line across the text's flow: its height, or its width for the lanes' upright heads.
        const text = (el.textContent ?? "").trim();
        const style = getComputedStyle(el);
        const lineHeight = Number.parseFloat(style.lineHeight) || px(el) * 1.2;
        const box = el.getBoundingClientRect();
        const across = style.writingMode.startsWith("vertical") ? box.width : box.height;
        // Short words only (ticks, labels, values): a long call text wraps on purpose at 390 px.
        if (text.length <= 16 && !/\s/.test(text) && across > lineHeight * 1.5) brokenWords.push(text);
      }
    for (const li of fig.querySelectorAll(".msi-pic__legend li"))
      if ((li as HTMLElement).offsetParent !== null) consider(li, px(li));
    const origin = drawing?.querySelector<HTMLElement>("li.msi-pic__row--origin");
    const stale = drawing?.querySelector<HTMLElement>(".msi-pic__value--stale");
    return {
      kind: fig.dataset.picture ?? "",
      minPx,
      smallest,
      legendItems: [...fig.querySelectorAll<HTMLElement>(".msi-pic__legend li")].filter(
        (li) => li.offsetParent !== null,
      ).length,
      drawingOverflows: drawing ? drawing.scrollWidth > drawing.clientWidth : true,
      textRight,
      originText: origin?.textContent ?? "",
      originRight: origin?.getBoundingClientRect().right ?? 0,
      staleText: [...(stale?.closest("div")?.children ?? [])].map((c) => c.textContent).join(" "),
      staleRight: stale?.getBoundingClientRect().right ?? 0,
      brokenWords,
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
        // The drawing is text that wraps to the column: it never scrolls, and every line of it is on screen.
        expect(f.drawingOverflows, `${where}: the drawing scrolls sideways`).toBe(false);
        expect(f.textRight, `${where}: text past the viewport`).toBeLessThanOrEqual(m.viewport);
        expect(f.textRight, `${where}: no text laid out`).toBeGreaterThan(0);
        expect(f.brokenWords, `${where}: a word broken across lines`).toEqual([]);
      }
      if (width === 390) expect(m.overflow, `${path}: the page scrolls sideways at 390 px`).toBe(0);
    }
    await page.close();
  });
}

test("at 390 px the stale hwsize and the failing call read as text, without scrolling sideways", async () => {
  const page = await browsers[390].context.newPage();
  await page.goto(`${inject("baseUrl")}/`);
  const m = await page.evaluate(measure);
  // The state view is text that wraps to the column: the stale hwsize is in it, in words, on screen.
  const state = m.figures.find((f) => f.kind === "state");
  expect(state?.drawingOverflows).toBe(false);
  expect(state?.staleText).toBe("domain hwsize 8 ⚠ stale (≠ 64)");
  expect(state?.staleRight).toBeLessThanOrEqual(m.viewport);
  // The timeline is text that wraps to the column: the call where the error starts is in it, whole.
  const timeline = m.figures.find((f) => f.kind === "timeline");
  expect(timeline?.drawingOverflows).toBe(false);
  expect(timeline?.originText.replace(/\s+/g, " ")).toContain("✖ msi_insert_desc(index=8, hwsize=8) = -34 ERANGE");
  expect(timeline?.originRight).toBeLessThanOrEqual(m.viewport);
  await page.close();
});
