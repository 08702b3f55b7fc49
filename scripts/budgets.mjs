#!/usr/bin/env node
/**
 * `npm run budgets`: holds the built site (dist/) to the byte budgets in budgets.json.
 * Fails (exit 1) when a page's HTML + CSS + JS transferred before interaction, or a
 * lazily loaded group of chunks, is over its budget. Bytes are measured exactly as
 * `npm run bench` measures them (scripts/weigh.mjs): compressed as served by
 * `astro preview`, counted by Chromium. Times are not checked here: they stay in bench.
 *
 * Lazy chunks are found by what loads when, on the first page with snippets
 * (BUDGET_PAGE, default "/"), split by who asked for them (the page, or the snippet worker):
 *   interest (hover a snippet)  page -> runner     worker -> worker
 *   first Run                   page -> pictures   worker -> worker
 *   Edit, then Run of the edit  page -> editor     worker -> compile
 *
 * `npm run budgets -- --suggest` prints budgets.json as measured plus 10% (at least 2 KiB),
 * for a change that grows the site on purpose: review the numbers before committing them.
 *
 * Needs a build (`npm run build`; with SITE_BASE set, the same SITE_BASE); serves it on
 * BUDGET_PORT (else E2E_PORT, else 4331).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { launchBrowser, recordTransfers, root, startPreview, weigh, weighUrls } from "./weigh.mjs";

const PORT = Number(process.env.BUDGET_PORT ?? process.env.E2E_PORT ?? 4331);
const PAGE = process.env.BUDGET_PAGE ?? "/";
const dist = join(root, "dist");
const budgetsFile = join(root, "budgets.json");

const SUGGEST = process.argv.includes("--suggest");
/** Measured plus 10%, at least 2 KiB more, rounded up to a whole KiB. */
const suggest = (bytes) => Math.ceil(Math.max(bytes * 1.1, bytes + 2048) / 1024) * 1024;
const suggested = { pages: {}, lazy: {} };

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const log = (msg) => process.stderr.write(`budgets: ${msg}\n`);

/** Every built page, as a path under the base ("/", "/background/msix-hardware/", "/404.html"). */
function builtPages() {
  return readdirSync(dist, { recursive: true })
    .map((f) => String(f).split(sep).join("/"))
    .filter((f) => f === "404.html" || f === "index.html" || f.endsWith("/index.html"))
    .filter((f) => !f.startsWith("pagefind/") && !f.startsWith("_astro/"))
    .map((f) => `/${f.replace(/index\.html$/, "")}`)
    .sort();
}

/** Waits until a snippet section reports a finished run. */
async function finished(page, id) {
  await page.waitForFunction(
    (id) =>
      /^(match|differs|error|timeout|ran)$/.test(document.querySelector(`#${id} [data-runner]`)?.dataset.result ?? ""),
    id,
    { timeout: 20_000, polling: 50 },
  );
  return page.evaluate((id) => document.querySelector(`#${id} [data-runner]`)?.dataset.result, id);
}

/** Interacts with the first snippet of `url` and sorts what loads into the lazy groups. */
async function lazyGroups(context, url) {
  const page = await context.newPage();
  const pageRows = await recordTransfers(context, page); // the page's own requests only
  let phase = "before";
  const seen = []; // every request, the worker's included
  page.on("request", (r) => {
    if (["script", "stylesheet"].includes(r.resourceType())) seen.push({ phase, url: r.url() });
  });
  try {
    await page.goto(url, { waitUntil: "networkidle" });
    await page.waitForTimeout(1000);
    const id = await page.locator("section.msi-snippet").first().getAttribute("id");
    if (!id) throw new Error(`${url} has no snippet to interact with (set BUDGET_PAGE)`);
    const section = page.locator(`#${id}`);
    phase = "interest";
    await section.hover();
    await page.waitForFunction((id) => "runnerReady" in document.getElementById(id).dataset, id);
    await page.waitForTimeout(1500);
    phase = "run";
    await section.locator("[data-action=run]").click();
    if ((await finished(page, id)) !== "match") throw new Error(`the first Run of ${id} did not match`);
    await page.waitForTimeout(1000);
    phase = "edit";
    await section.locator("[data-action=edit]").click();
    await page.waitForTimeout(1500);
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type('\nconsole.log("budget");');
    await page.evaluate((id) => delete document.querySelector(`#${id} [data-runner]`).dataset.result, id);
    await section.locator("[data-action=run]").click();
    if ((await finished(page, id)) !== "differs") throw new Error(`the edited Run of ${id} did not differ`);
    await page.waitForTimeout(1000);
  } finally {
    await page.close();
  }
  const byPage = new Set(pageRows.map((r) => r.url));
  const group = {
    interest: { page: "runner", worker: "worker" },
    run: { page: "pictures", worker: "worker" },
    edit: { page: "editor", worker: "compile" },
  };
  const groups = { runner: [], worker: [], pictures: [], editor: [], compile: [] };
  const counted = new Set(seen.filter((s) => s.phase === "before").map((s) => s.url));
  for (const { phase, url } of seen) {
    if (counted.has(url)) continue;
    counted.add(url);
    groups[group[phase][byPage.has(url) ? "page" : "worker"]].push(url);
  }
  const sizes = new Map((await weighUrls(context, url, Object.values(groups).flat())).map((w) => [w.url, w.bytes]));
  return Object.fromEntries(
    Object.entries(groups).map(([name, urls]) => [
      name,
      {
        bytes: urls.reduce((n, u) => n + sizes.get(u), 0),
        files: urls.map((u) => new URL(u).pathname.split("/").pop()),
      },
    ]),
  );
}

if (!existsSync(join(dist, "index.html"))) {
  log("dist/ is missing: run `npm run build` first");
  process.exit(2);
}
const budgets = JSON.parse(readFileSync(budgetsFile, "utf8"));
const server = await startPreview({ port: PORT });
const browser = await launchBrowser();
const over = [];
try {
  const pages = builtPages();
  log(`${pages.length} pages and the lazy chunks of ${PAGE}, served at ${server.url}/`);
  const out = [
    "| page (before interaction, transferred) | HTML + CSS + JS | budget | headroom | HTML | CSS | JS | other |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  // a few tabs at a time: each has its own DevTools session and the cache off
  const weights = [];
  for (let i = 0; i < pages.length; i += 3) {
    const batch = pages.slice(i, i + 3);
    weights.push(
      ...(await Promise.all(
        batch.map((p) => weigh(browser.context, `${server.url}${p}`, { settleMs: 0, raw: false })),
      )),
    );
  }
  for (const [i, path] of pages.entries()) {
    const w = weights[i];
    const bytes = w.Document + w.Stylesheet + w.Script;
    suggested.pages[path] = suggest(bytes);
    const budget = budgets.pages[path] ?? budgets.pages["*"];
    if (bytes > budget) over.push(`${path}: ${bytes} bytes > budget ${budget}`);
    out.push(
      `| ${path} | ${bytes} | ${budget} | ${bytes > budget ? "**over**" : kib(budget - bytes)} | ${kib(w.Document)} | ${kib(w.Stylesheet)} | ${kib(w.Script)} | ${kib(w.Other)} |`,
    );
  }
  out.push("", `| lazily loaded, on ${PAGE} | transferred | budget | headroom | files |`, "|---|---:|---:|---:|---|");
  const lazy = await lazyGroups(browser.context, `${server.url}${PAGE}`);
  for (const [name, { bytes, files }] of Object.entries(lazy)) {
    suggested.lazy[name] = suggest(bytes);
    const budget = budgets.lazy[name];
    if (budget === undefined) throw new Error(`budgets.json has no lazy budget for "${name}"`);
    if (bytes > budget) over.push(`${name} chunks: ${bytes} bytes > budget ${budget}`);
    out.push(
      `| ${name} | ${bytes} | ${budget} | ${bytes > budget ? "**over**" : kib(budget - bytes)} | ${files.join(", ") || "(none)"} |`,
    );
  }
  (SUGGEST ? process.stderr : process.stdout).write(`${out.join("\n")}\n\n`);
} finally {
  await browser.close();
  server.stop();
}
if (SUGGEST) {
  suggested.pages["*"] = budgets.pages["*"];
  process.stdout.write(`${JSON.stringify({ ...budgets, ...suggested }, null, 2)}\n`);
  process.exit(0);
}
if (over.length) {
  process.stdout.write(`Over budget (budgets.json):\n${over.map((o) => `  ${o}`).join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`All pages and lazy chunks are within ${relative(root, budgetsFile)}.\n`);
