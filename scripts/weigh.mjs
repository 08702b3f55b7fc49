/**
 * Page weight as it crosses the wire, shared by `npm run bench` (which prints it) and
 * `npm run budgets` (which holds it to budgets.json): the built site served by
 * `astro preview` (which compresses responses as a real host does), loaded in Debian's
 * headless Chromium (playwright-core) with the cache off, every response counted by its
 * `encodedDataLength` (Chrome DevTools Protocol: compressed body plus headers).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { CHROMIUM, launchChromium } from "./chromium.mjs";

export const root = join(import.meta.dirname, "..");
export { CHROMIUM };

const astro = join(root, "node_modules/astro/bin/astro.mjs");

/**
 * `astro preview` on 127.0.0.1:`port` (--ignore-lock: it does not touch a preview server
 * someone else runs). `url` is the site's root: the origin plus Astro's `base`, without
 * the trailing slash, so `${url}/` is the overview page. `env`: more environment for it
 * (MSI_PLAIN=1 serves the plain variant's dist-plain/).
 */
export async function startPreview({ port, configArgs = [], base = process.env.SITE_BASE ?? "/", env = {} }) {
  const origin = `http://127.0.0.1:${port}`;
  const url = `${origin}${base.replace(/\/+$/, "")}`;
  const server = spawn(
    process.execPath,
    [astro, "preview", "--ignore-lock", ...configArgs, "--host", "127.0.0.1", "--port", String(port)],
    { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {}
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill();
      throw new Error(`astro preview did not start on ${url}/:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, url, stop: () => server.kill() };
}

/** A fresh headless Chromium with its own profile, kept off the network (scripts/chromium.mjs). */
export const launchBrowser = launchChromium;

/**
 * Records what a page transfers, by Chrome's own count, from now on. The page's own
 * requests only: a dedicated worker's requests do not reach the page's DevTools session
 * (see `weighUrls` for those).
 */
export async function recordTransfers(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const responses = new Map();
  const rows = [];
  const pending = new Set();
  rows.pending = pending;
  cdp.on("Network.requestWillBeSent", (e) => pending.add(e.requestId));
  cdp.on("Network.loadingFailed", (e) => pending.delete(e.requestId));
  cdp.on("Network.responseReceived", (e) => responses.set(e.requestId, { type: e.type, url: e.response.url }));
  cdp.on("Network.loadingFinished", (e) => {
    pending.delete(e.requestId);
    const r = responses.get(e.requestId);
    rows.push({ url: r?.url, type: r?.type ?? "Other", bytes: e.encodedDataLength });
  });
  return rows;
}

/**
 * Waits until the page is quiet: an idle callback has run (Starlight loads its search UI
 * in one) and no request of the page has been in flight for `quietMs`, twice over.
 */
export async function settle(page, rows, quietMs = 500) {
  for (let round = 0; round < 2; round++) {
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(), { timeout: 5000 })));
    let quietSince = Date.now();
    const deadline = Date.now() + 15_000;
    while (Date.now() - quietSince < quietMs && Date.now() < deadline) {
      await page.waitForTimeout(50);
      if (rows.pending.size > 0) quietSince = Date.now();
    }
  }
}

/** Bytes by kind: Document (HTML), Stylesheet (CSS), Script (JS), Other. */
export function byKind(rows) {
  const by = { Document: 0, Stylesheet: 0, Script: 0, Other: 0 };
  for (const r of rows) by[r.type in by ? r.type : "Other"] += r.bytes;
  return by;
}

/**
 * Loads `url` in a fresh tab of `context` without touching it, waits for the page to
 * settle (see `settle`; and `settleMs` more, for lazy observers), and returns what
 * went over the wire before any interaction (`raw`: the decoded bodies, fetched again).
 */
export async function weigh(context, url, { settleMs = 1500, raw: countRaw = true } = {}) {
  const page = await context.newPage();
  try {
    const rows = await recordTransfers(context, page);
    await page.goto(url, { waitUntil: "networkidle" });
    await settle(page, rows);
    if (settleMs > 0) await page.waitForTimeout(settleMs);
    const snippets = await page.locator("section.msi-snippet").count();
    let raw = 0;
    if (countRaw)
      for (const r of rows) if (r.url) raw += (await fetch(r.url).then((res) => res.arrayBuffer())).byteLength;
    const total = rows.reduce((n, r) => n + r.bytes, 0);
    const scripts = rows.filter((r) => r.type === "Script").map((r) => new URL(r.url).pathname);
    return {
      url,
      path: new URL(url).pathname,
      snippets,
      total,
      raw,
      ...byKind(rows),
      requests: rows.length,
      scripts,
      rows,
    };
  } finally {
    await page.close();
  }
}

/**
 * What the given same-origin URLs transfer when the browser downloads them (as a page or
 * a worker would: same compression, headers counted), measured like `weigh`. `from` is a
 * page of the site to fetch them from.
 */
export async function weighUrls(context, from, urls) {
  const page = await context.newPage();
  try {
    await page.goto(from, { waitUntil: "domcontentloaded" });
    const rows = await recordTransfers(context, page);
    await page.evaluate(
      (list) => Promise.all(list.map((u) => fetch(u, { cache: "no-store" }).then((r) => r.arrayBuffer()))),
      urls,
    );
    await page.waitForTimeout(200);
    const bytes = new Map(rows.map((r) => [r.url, r.bytes]));
    const missing = urls.filter((u) => !bytes.has(u));
    if (missing.length) throw new Error(`weighUrls: no transfer recorded for ${missing.join(", ")}`);
    return urls.map((u) => ({ url: u, bytes: bytes.get(u) }));
  } finally {
    await page.close();
  }
}
