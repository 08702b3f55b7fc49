/**
 * `npm run bench`, weight and speed side by side: every page of the site against the
 * same page built as plain Starlight (MSI_PLAIN=1, docs/integrations/plain.mjs: the
 * snippet, runner and picture components swapped for plain code blocks), served by two
 * `astro preview`s and measured in the same run:
 *
 * - bytes transferred before interaction (HTML, CSS, JS; compressed as served), by
 *   scripts/weigh.mjs, as `npm run budgets` measures them, against the target
 *   "within plain + 10 KiB";
 * - Lighthouse 12 performance (mobile preset, simulated throttling), runs of the two
 *   variants interleaved, median of BENCH_LH_RUNS (default 1) per page, against the
 *   target "within 3 points of plain". BENCH_LH_PAGES: "all" (default), "none", or a
 *   comma-separated list of paths.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM, launchBrowser, root, startPreview, weigh } from "./weigh.mjs";

const astro = join(root, "node_modules/astro/bin/astro.mjs");
const lighthouseCli = join(root, "node_modules/lighthouse/cli/index.js");
const TARGET_BYTES = 10 * 1024;
const TARGET_POINTS = 3;

const log = (msg) => process.stderr.write(`bench: ${msg}\n`);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const signed = (n, f) => (n > 0 ? `+${f(n)}` : f(n));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Builds the plain variant into dist-plain/ (always: it must match the pages of this checkout). */
function buildPlain() {
  if (process.env.BENCH_PLAIN_BUILT === "1") return; // dist-plain/ is current (a re-run while working)
  log("building the plain Starlight variant (MSI_PLAIN=1) into dist-plain/ ...");
  const r = spawnSync(process.execPath, [astro, "build"], {
    cwd: root,
    env: { ...process.env, MSI_PLAIN: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error(`plain build failed (${r.status})`);
}

/** The site's pages, in sidebar order, from the built overview page. */
function pagesOf(dist) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const start = html.search(/<nav class="sidebar[ "]/);
  if (start < 0) throw new Error("no sidebar in dist/index.html");
  const nav = html.slice(start, html.indexOf("</nav>", start));
  const base = (process.env.SITE_BASE ?? "/").replace(/\/+$/, "");
  const paths = [...nav.matchAll(/href="([^"#]+)"/g)].map((m) => m[1].slice(base.length) || "/");
  return [...new Set(["/", ...paths])];
}

/** One Lighthouse run (performance only), tried up to three times; null when all three fail. */
function lighthouse(url) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return lighthouseOnce(url);
    } catch (e) {
      log(`${e.message} (attempt ${attempt} of 3)`);
    }
  }
  return null;
}

/** One Lighthouse run (performance only); its score (0-100) and the key metrics. */
function lighthouseOnce(url) {
  const dir = mkdtempSync(join(tmpdir(), "msi-lh-"));
  try {
    const out = join(dir, "lh.json");
    const r = spawnSync(
      process.execPath,
      [
        lighthouseCli,
        url,
        "--quiet",
        "--only-categories=performance",
        "--output=json",
        `--output-path=${out}`,
        "--chrome-flags=--headless=new --no-sandbox",
      ],
      { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "ignore", "inherit"] },
    );
    if (r.status !== 0 || !existsSync(out)) throw new Error(`lighthouse failed on ${url}`);
    const lh = JSON.parse(readFileSync(out, "utf8"));
    const ms = (k) => lh.audits[k]?.numericValue ?? Number.NaN;
    return {
      score: Math.round(lh.categories.performance.score * 100),
      fcp: ms("first-contentful-paint"),
      tbt: ms("total-blocking-time"),
      si: ms("speed-index"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function lighthousePages(paths) {
  const want = process.env.BENCH_LH_PAGES ?? "all";
  if (want === "all") return paths;
  if (want === "none") return [];
  return want.split(",").map((p) => p.trim());
}

/** Prints the side-by-side table; `ports`: two free ports (ours, plain). */
export async function benchWeight({ ports }) {
  buildPlain();
  const paths = pagesOf(join(root, "dist"));
  const ours = await startPreview({ port: ports[0] });
  let plain;
  try {
    plain = await startPreview({ port: ports[1], env: { MSI_PLAIN: "1" } });
    const rows = [];
    const b = await launchBrowser();
    try {
      for (const path of paths) {
        const a = await weigh(b.context, `${ours.url}${path}`, { raw: false });
        const p = await weigh(b.context, `${plain.url}${path}`, { raw: false });
        rows.push({ path, a, p });
      }
    } finally {
      await b.close();
    }
    const lhPaths = new Set(lighthousePages(paths));
    const lhRuns = Math.max(1, Number(process.env.BENCH_LH_RUNS ?? 1));
    for (const row of rows) {
      if (!lhPaths.has(row.path)) continue;
      log(`lighthouse ${row.path} (${lhRuns}× each, interleaved) ...`);
      const a = [];
      const p = [];
      for (let i = 0; i < lhRuns; i++) {
        a.push(lighthouse(`${ours.url}${row.path}`));
        p.push(lighthouse(`${plain.url}${row.path}`));
      }
      const med = (runs) => {
        const xs = runs.filter(Boolean);
        if (xs.length === 0) return undefined;
        return {
          score: median(xs.map((x) => x.score)),
          fcp: median(xs.map((x) => x.fcp)),
          tbt: median(xs.map((x) => x.tbt)),
          si: median(xs.map((x) => x.si)),
        };
      };
      row.lh = { a: med(a), p: med(p) };
      if (!row.lh.a || !row.lh.p) {
        row.lh = undefined;
        row.lhFailed = true;
      }
    }
    const html = (w) => w.Document;
    const css = (w) => w.Stylesheet;
    const js = (w) => w.Script;
    const sum = (w) => html(w) + css(w) + js(w);
    const out = [
      "### Weight and speed beside plain Starlight (same pages, same run)",
      "",
      `Transferred before interaction, compressed as served (HTML + CSS + JS), this site / plain Starlight with the same pages; target: within plain + ${kib(TARGET_BYTES)}. Lighthouse ${JSON.parse(readFileSync(join(root, "node_modules/lighthouse/package.json"), "utf8")).version} performance (mobile, simulated throttling, median of ${lhRuns}), target: within ${TARGET_POINTS} points of plain.`,
      "",
      "| page | HTML | CSS | JS | total | plain total | difference | bytes met | LH perf | plain LH | FCP ms | plain FCP | TBT ms | plain TBT | LH met |",
      "|---|---:|---:|---:|---:|---:|---:|:-:|---:|---:|---:|---:|---:|---:|:-:|",
    ];
    for (const { path, a, p, lh, lhFailed } of rows) {
      const d = sum(a) - sum(p);
      const lhCells = lh
        ? [
            lh.a.score,
            lh.p.score,
            Math.round(lh.a.fcp),
            Math.round(lh.p.fcp),
            Math.round(lh.a.tbt),
            Math.round(lh.p.tbt),
            lh.p.score - lh.a.score <= TARGET_POINTS ? "yes" : "**no**",
          ]
        : [lhFailed ? "failed" : "", "", "", "", "", "", ""];
      out.push(
        `| ${path} | ${kib(html(a))} / ${kib(html(p))} | ${kib(css(a))} / ${kib(css(p))} | ${kib(js(a))} / ${kib(js(p))} | ${kib(sum(a))} | ${kib(sum(p))} | ${signed(d, kib)} | ${d <= TARGET_BYTES ? "yes" : "**no**"} | ${lhCells.join(" | ")} |`,
      );
    }
    process.stdout.write(`${out.join("\n")}\n\n`);
    return rows;
  } finally {
    plain?.stop();
    ours.stop();
  }
}
