/**
 * The glossary: every term has its entry on the glossary page, and on every other
 * page of the built site (enumerated from dist/) the first use of each term in the
 * page's prose is a link to that entry, and no term is linked twice. "Prose" is
 * what the page's MDX says, not what components draw (snippets, pictures, cards,
 * tables of results), and not headings, links or code blocks, as
 * docs/plugins/glossary-links.ts defines it; the word forms come from
 * docs/plugins/glossary-terms.ts. Markdown gives its elements no classes, so a text
 * is prose when every element with a class between it and the page's content is
 * one of the few that hold MDX content (asides, steps, tabs, table regions).
 */
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { glossaryIndex } from "../../docs/plugins/glossary-links";
import { GLOSSARY, GLOSSARY_PATH } from "../../docs/plugins/glossary-terms";
import { type Browser, launch } from "./browser";
import { builtPages } from "./pages";

const PAGES = builtPages().filter((p) => p !== GLOSSARY_PATH && p !== "/404.html");
const { byWord, byCode, words } = glossaryIndex();
const MAPS = {
  source: words.source,
  flags: words.flags,
  byWord: Object.fromEntries([...byWord].map(([w, t]) => [w, t.id])),
  byCode: Object.fromEntries([...byCode].map(([c, t]) => [c, t.id])),
};

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

test("every term has an entry on the glossary page", async () => {
  expect(builtPages(), "the glossary page is built").toContain(GLOSSARY_PATH);
  const page = await browser.context.newPage();
  await page.goto(`${inject("baseUrl")}${GLOSSARY_PATH}`);
  const ids = await page.$$eval("main [id]", (els) => els.map((e) => e.id));
  expect(ids).toEqual(expect.arrayContaining(GLOSSARY.map((t) => t.id)));
  // the glossary page does not link its own terms
  expect(await page.locator("main a.msi-term").count()).toBe(0);
  await page.close();
});

test.each(PAGES)("%s links the first use of each term to the glossary, once", async (path) => {
  const page = await browser.context.newPage();
  await page.goto(`${inject("baseUrl")}${path}`);
  const found = await page.evaluate(
    ({ maps, glossary }) => {
      const words = new RegExp(maps.source, maps.flags);
      // Where no term is linked, and the elements with a class that hold MDX content.
      const NEVER = "h1, h2, h3, h4, h5, h6, pre, kbd, svg, a:not(.msi-term)";
      const HOLDS_MDX =
        ".starlight-aside, .starlight-aside__content, .sl-steps, .msi-tabs, starlight-tabs, [role=tabpanel], " +
        ".msi-table, a.msi-term";
      const root = document.querySelector(".sl-markdown-content");
      const prose = (el: Element) => {
        for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
          if (e.matches(NEVER)) return false;
          const drawn = e.classList.length > 0 || e.localName.includes("-");
          if (drawn && !e.matches(HOLDS_MDX)) return false;
        }
        return true;
      };
      const first = new Map<string, Element | null>(); // term id -> the link around its first use (or null)
      const linkOf = (n: Node) => (n.parentElement ?? (n as Element)).closest("a.msi-term");
      const walker = document.createTreeWalker(root ?? document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n instanceof Element ? n : n.parentElement;
        if (!el || !prose(el)) continue;
        if (n instanceof Element) {
          if (n.localName !== "code") continue;
          const id = maps.byCode[n.textContent?.trim() ?? ""];
          if (id && !first.has(id)) first.set(id, linkOf(n));
          continue;
        }
        if (el.closest("code")) continue; // inline code counts as a whole, above
        for (const m of (n.textContent ?? "").matchAll(words)) {
          const id = maps.byWord[m[0]];
          if (id && !first.has(id)) first.set(id, linkOf(n));
        }
      }
      const problems: string[] = [];
      for (const [id, link] of first) {
        if (!link) problems.push(`first use of "${id}" is not linked`);
        else if (link.getAttribute("href") !== `${glossary}#${id}`)
          problems.push(`first use of "${id}" links to ${link.getAttribute("href")}`);
      }
      const links = [...document.querySelectorAll("main a.msi-term")].map((a) => a.getAttribute("href") ?? "");
      const twice = links.filter((h, i) => links.indexOf(h) !== i);
      for (const h of twice) problems.push(`${h} is linked more than once`);
      return { terms: first.size, links: links.length, problems };
    },
    // Links carry the site's base path ("" at the root, "/msi-lifecycle" under SITE_BASE).
    { maps: MAPS, glossary: `${new URL(inject("baseUrl")).pathname.replace(/\/+$/, "")}${GLOSSARY_PATH}` },
  );
  expect(found.problems).toEqual([]);
  expect(found.links).toBe(found.terms);
  await page.close();
});
