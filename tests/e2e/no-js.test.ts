/**
 * With JavaScript off, every page of the built site (enumerated from dist/, see
 * pages.ts) is readable: every tab panel is shown with its label, every expected
 * output is shown, and no text in the page's <main> is left unrendered. Allowed
 * exceptions, each for a reason:
 * - the snippet runner's controls ([data-runner-slot]) and the lab's controls ([data-lab]):
 *   they need JavaScript, so without it they stay hidden instead of showing dead buttons
 *   (the lab page says so in prose that is shown: [data-lab-nojs]);
 * - the body of a closed <details> (e.g. a collapsed setup region), whose visible
 *   <summary> opens it without JavaScript;
 * - SVG <title> and <desc>, which are tooltips and accessible names, never drawn;
 * - a tab list (its tabs cannot switch without JavaScript), when each of its panels
 *   is shown with its own label, which the test checks.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";
import { builtPages, sitemapPaths } from "./pages";

const PAGES = builtPages();

let browser: Browser;
beforeAll(async () => {
  browser = await launch({ javaScriptEnabled: false });
});
afterAll(async () => {
  await browser?.close();
});

test("the pages come from the build, and include every page of the sitemap", () => {
  expect(PAGES.length, "no pages in dist/: run `npm run test:e2e`, which builds first").toBeGreaterThan(1);
  expect(PAGES).toEqual(expect.arrayContaining(sitemapPaths(new URL(inject("baseUrl")).pathname)));
  expect(PAGES).toContain("/404.html");
});

interface Found {
  tabPanels: number;
  outputs: number;
  problems: string[];
}

/** Runs in the page: what is not readable, and how many panels and outputs were checked. */
function inspect(page: Page): Promise<Found> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const drawn = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return [...range.getClientRects()].some((r) => r.width > 0 && r.height > 0);
    };
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility === "visible";
    };
    const short = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 70);

    const panels = [...document.querySelectorAll<HTMLElement>('[role="tabpanel"]')];
    for (const panel of panels) {
      const label = document.getElementById(panel.getAttribute("aria-labelledby") ?? "")?.textContent?.trim() ?? "";
      if (!shown(panel)) problems.push(`tab panel "${label}" is hidden`);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked
      else if (label && !panel.innerText.includes(label)) problems.push(`tab panel "${label}" shows no label`);
    }

    const outputs = [...document.querySelectorAll<HTMLElement>("figure.msi-snippet__output")];
    for (const figure of outputs) {
      const pre = figure.querySelector("pre");
      const what = `expected output on ${figure.dataset.profile} (${figure.closest("section")?.id})`;
      if (!pre?.textContent?.trim()) problems.push(`${what} is empty`);
      else if (!shown(figure) || !shown(pre) || !drawn(pre)) problems.push(`${what} is hidden`);
    }

    const main = document.querySelector("main");
    if (!main) return { tabPanels: panels.length, outputs: outputs.length, problems: ["no <main>"] };
    // Hidden text is reported once per outermost hidden element, with a sample.
    const hidden = new Map<Element, { count: number; sample: string }>();
    const describe = (e: Element) =>
      `<${e.localName}${e.id ? `#${e.id}` : ""}${e.getAttribute("role") ? ` role=${e.getAttribute("role")}` : ""}>`;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      if (el.closest("script, style, template, noscript, [data-runner-slot], svg title, svg desc")) continue;
      const labNote = document.querySelector("[data-lab-nojs]");
      if (el.closest("[data-lab]") && labNote && shown(labNote)) continue;
      if (el.closest('[role="tablist"]')) continue; // each panel's label is checked above
      const details = el.closest("details:not([open])");
      if (details && !el.closest("summary")) {
        const summary = details.querySelector(":scope > summary");
        if (summary && shown(summary)) continue;
      }
      if (drawn(node)) continue;
      let top = el;
      while (top.parentElement && top.parentElement !== main && !drawn(top.parentElement)) top = top.parentElement;
      const entry = hidden.get(top) ?? { count: 0, sample: short(node.textContent) };
      entry.count++;
      hidden.set(top, entry);
    }
    for (const [e, { count, sample }] of hidden) {
      problems.push(`hidden text in ${describe(e)}: ${count} text node(s), first "${sample}"`);
    }
    return { tabPanels: panels.length, outputs: outputs.length, problems };
  });
}

const totals = { tabPanels: 0, outputs: 0 };

test.each(PAGES)("%s: every tab panel, expected output and text is readable without JavaScript", async (path) => {
  const page = await browser.context.newPage();
  try {
    const res = await page.goto(`${inject("baseUrl")}${path}`);
    expect(res?.status() === 200 || path === "/404.html").toBe(true);
    // No page script ran (Starlight's theme script would have set data-theme from storage).
    expect(
      await page.evaluate(() => typeof (window as { StarlightThemeProvider?: unknown }).StarlightThemeProvider),
    ).toBe("undefined");
    const found = await inspect(page);
    totals.tabPanels += found.tabPanels;
    totals.outputs += found.outputs;
    expect(found.problems).toEqual([]);
  } finally {
    await page.close();
  }
});

test("the pages above had tab panels and expected outputs to check", () => {
  // Guards against a selector that silently stopped matching.
  expect(totals.tabPanels).toBeGreaterThan(0);
  expect(totals.outputs).toBeGreaterThan(0);
});
