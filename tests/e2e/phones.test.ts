/**
 * Phones: at 320 and 390 px no page is wider than the screen, and no profile label in
 * a snippet's kernel switch is broken across lines.
 */
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";

const WIDTHS = [320, 390];
const browsers = new Map<number, Browser>();
beforeAll(async () => {
  for (const width of WIDTHS) browsers.set(width, await launch({ viewport: { width, height: 800 } }));
});
afterAll(async () => {
  for (const b of browsers.values()) await b.close();
});

/** Every page of the site, from the sidebar (the overview first). */
async function pages(base: string): Promise<string[]> {
  const page = await browsers.get(WIDTHS[0])!.context.newPage();
  try {
    await page.goto(`${base}/`);
    const hrefs = await page.$$eval("nav.sidebar a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    const paths = [
      ...new Set([
        "/",
        ...hrefs.map((h) => new URL(h).pathname.slice(new URL(base).pathname.replace(/\/$/, "").length)),
      ]),
    ];
    return paths;
  } finally {
    await page.close();
  }
}

for (const width of WIDTHS) {
  test(`${width} px: no page scrolls sideways, no profile label breaks mid-word`, async () => {
    const base = inject("baseUrl");
    const paths = await pages(base);
    expect(paths.length).toBeGreaterThan(5);
    const page = await browsers.get(width)!.context.newPage();
    const problems: string[] = [];
    let labels = 0;
    for (const path of paths) {
      await page.goto(`${base}${path}`, { waitUntil: "load" });
      // The runner's controls are revealed by the bootstrap: wait until they are.
      await page.waitForFunction(() =>
        [...document.querySelectorAll("[data-runner]")].every((r) => !(r as HTMLElement).hidden),
      );
      const r = await page.evaluate(() => {
        const wide = document.scrollingElement!.scrollWidth;
        const broken: string[] = [];
        const spans = [...document.querySelectorAll<HTMLElement>(".msi-runner__profiles label span")];
        for (const s of spans) {
          const cs = getComputedStyle(s);
          const line = Number.parseFloat(cs.lineHeight);
          const inner =
            s.getBoundingClientRect().height -
            Number.parseFloat(cs.paddingTop) -
            Number.parseFloat(cs.paddingBottom) -
            Number.parseFloat(cs.borderTopWidth) -
            Number.parseFloat(cs.borderBottomWidth);
          // One line of text, with room for rounding; two lines would be about 2 × line.
          if (!(inner < line * 1.5)) broken.push(`${s.textContent} (${inner.toFixed(1)} px for a ${line} px line)`);
          const box = s.getBoundingClientRect();
          if (box.right > innerWidth + 0.5) broken.push(`${s.textContent} reaches ${box.right.toFixed(0)} px`);
        }
        return { wide, inner: innerWidth, broken, labels: spans.length };
      });
      labels += r.labels;
      if (r.wide > r.inner) problems.push(`${path}: page is ${r.wide} px wide in a ${r.inner} px window`);
      for (const b of r.broken) problems.push(`${path}: label ${b}`);
    }
    expect(labels).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 180_000);
}
