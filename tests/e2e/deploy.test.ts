/**
 * The site works where it is deployed, under the base path it was built with (SITE_BASE;
 * `.ci/run` runs this file against a build under /msi-lifecycle/ as well as at the root):
 * every link between pages and every anchor resolves inside the site, the favicon, search
 * and its results, the snippet data and the worker all load from under the base, and
 * nothing the pages request leaves it.
 */
import { fromHtml } from "hast-util-from-html";
import { visit } from "unist-util-visit";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";
import { runResult, searchReady } from "./policy";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** "" at the root, "/msi-lifecycle" under that base. */
const basePath = () => new URL(inject("baseUrl")).pathname.replace(/\/$/, "");
const underBase = (path: string) => path === `${basePath()}/` || path.startsWith(`${basePath()}/`);

/** A built page as served, parsed (a real HTML parse): its ids, links and icon. */
async function fetchPage(url: string) {
  const res = await fetch(url);
  expect(res.status, url).toBe(200);
  const html = res.headers.get("content-type")?.includes("text/html") ? await res.text() : "";
  const ids = new Set<string>();
  const links: string[] = [];
  const icons: string[] = [];
  const canonical: string[] = [];
  visit(fromHtml(html), "element", (node) => {
    const p = node.properties;
    if (typeof p.id === "string") ids.add(p.id);
    if (node.tagName === "a" && typeof p.href === "string") links.push(new URL(p.href, url).href);
    const rel = Array.isArray(p.rel) ? p.rel : [];
    if (node.tagName === "link" && rel.includes("icon")) icons.push(new URL(String(p.href), url).href);
    if (node.tagName === "link" && rel.includes("canonical")) canonical.push(String(p.href));
  });
  return { html: html !== "", ids, links, icons, canonical };
}

/** Every page of the site: the sidebar's and the 404 page. */
async function allPages(): Promise<string[]> {
  const home = await fetchPage(`${inject("baseUrl")}/`);
  const origin = new URL(inject("baseUrl")).origin;
  // Pages link out to their sources (lore, elixir, ...): only this site's pages count.
  const sidebar = home.links.filter((l) => {
    const u = new URL(l);
    return u.origin === origin && underBase(u.pathname) && !u.hash;
  });
  return [...new Set([`${inject("baseUrl")}/`, ...sidebar, `${inject("baseUrl")}/404.html`])];
}

test("every internal link and anchor on every page resolves inside the site", async () => {
  const origin = new URL(inject("baseUrl")).origin;
  const seen = new Map<string, Awaited<ReturnType<typeof fetchPage>>>();
  const load = async (url: string) => {
    const key = url.replace(/#.*$/, "");
    if (!seen.has(key)) seen.set(key, await fetchPage(key));
    return seen.get(key)!;
  };
  let anchors = 0;
  for (const url of await allPages()) {
    const page = await load(url);
    if (!url.endsWith("/404.html")) {
      expect(page.canonical, url).toHaveLength(1);
      expect(underBase(new URL(page.canonical[0]).pathname), page.canonical[0]).toBe(true);
    }
    for (const href of new Set(page.links)) {
      const target = new URL(href);
      if (target.origin !== origin) continue;
      expect(underBase(target.pathname), `${url} links to ${href}, outside the base path`).toBe(true);
      const linked = await load(href);
      const hash = decodeURIComponent(target.hash.slice(1));
      if (hash) {
        expect(linked.ids.has(hash), `${url} links to ${href}: no element with id "${hash}"`).toBe(true);
        anchors++;
      }
    }
  }
  // the pages do link to each other and to anchors (headings, snippets)
  expect(seen.size).toBeGreaterThan(10);
  expect(anchors).toBeGreaterThan(50);
});

test("every page's favicon is served from under the base", async () => {
  for (const url of await allPages()) {
    const { icons } = await fetchPage(url);
    expect(icons, url).toHaveLength(1);
    expect(underBase(new URL(icons[0]).pathname), icons[0]).toBe(true);
    const res = await fetch(icons[0]);
    expect(res.status, icons[0]).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
  }
});

test("search finds a page, and its result leads to that page under the base", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${inject("baseUrl")}/`, { waitUntil: "networkidle" });
  await searchReady(page);
  const open = page.locator("button[data-open-modal]");
  await expect.poll(() => open.isEnabled()).toBe(true);
  await open.click();
  await page.locator("#starlight__search input").fill("ERANGE");
  const result = page.locator(".pagefind-ui__result-link").first();
  await result.waitFor({ timeout: 15_000 });
  const href = (await result.getAttribute("href")) ?? "";
  expect(underBase(new URL(href, page.url()).pathname), href).toBe(true);
  await result.click();
  await page.waitForURL((u) => u.pathname === new URL(href, inject("baseUrl")).pathname);
  await page.locator("main h1").first().waitFor({ state: "visible" });
  await page.close();
});

test("Run fetches the snippet's data and starts the worker from under the base", async () => {
  const page = await browser.context.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${inject("baseUrl")}/`, { waitUntil: "networkidle" });
  const section = page.locator("section.msi-snippet").first();
  const id = (await section.getAttribute("id")) ?? "";
  const json = await section.locator("[data-runner]").getAttribute("data-json");
  expect(json?.startsWith(`${basePath()}/snippets/`), `${json}`).toBe(true);
  await section.locator("[data-action=run]").click();
  expect(await runResult(page, id)).toBe("match");
  expect(requests).toContain(json);
  expect(requests.some((p) => p.startsWith(`${basePath()}/_astro/worker-`))).toBe(true);
  expect(requests.filter((p) => !underBase(p))).toEqual([]);
  await page.close();
});
