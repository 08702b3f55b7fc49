#!/usr/bin/env node
/**
 * `npm run bench`: in-page runner timings and page weight, printed as a markdown table.
 * Not a test: it measures, it does not fail on a missed goal.
 *
 * - builds the site if dist/ is missing (or always, with `-- --config <file>`),
 * - serves it with `astro preview` on 127.0.0.1 (its own port, --ignore-lock, so it
 *   does not touch a preview server someone else runs),
 * - drives Debian's headless Chromium (playwright-core) on the first page with
 *   snippets (the overview, /) and on a page without snippets:
 *   click -> output for the first Run (fresh browser: runner chunk, snippet JSON,
 *   worker and model all load after the click), later Runs (warm worker), the first
 *   edited Run (sucrase loads in the worker) and later edited Runs; medians of
 *   BENCH_RUNS (default 7) fresh browsers, and bytes transferred before interaction.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser as browser, recordTransfers, root, startPreview, weigh as weighIn } from "./weigh.mjs";

const PORT = Number(process.env.BENCH_PORT ?? 4330);
const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));
const WARM_RUNS = 10;
const astro = join(root, "node_modules/astro/bin/astro.mjs");

const configIndex = process.argv.indexOf("--config");
const configArgs = configIndex > 0 ? ["--config", process.argv[configIndex + 1]] : [];

function log(msg) {
  process.stderr.write(`bench: ${msg}\n`);
}

if (configArgs.length || !existsSync(join(root, "dist", "index.html"))) {
  log("building the site ...");
  const r = spawnSync(process.execPath, [astro, "build", ...configArgs], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let base;

/** Loads a page in a fresh browser without touching it; returns what went over the wire. */
async function weigh(path) {
  const b = await browser();
  try {
    const w = await weighIn(b.context, `${base}${path}`);
    const runner = w.rows
      .filter((r) => /\/_astro\/(SnippetRunner|preload-helper)[.-]/.test(r.url ?? ""))
      .reduce((n, r) => n + r.bytes, 0);
    return { ...w, path, runner };
  } finally {
    await b.close();
  }
}

/** Clicks a control of a snippet inside the page and resolves with ms until its result is shown. */
function clickToResult(page, id, action = "run") {
  return page.evaluate(
    ({ id, action }) =>
      new Promise((resolve, reject) => {
        const section = document.getElementById(id);
        const runner = section.querySelector("[data-runner]");
        const timer = setTimeout(() => reject(new Error(`no result for ${id}`)), 15_000);
        let t0 = 0;
        const done = () => {
          const r = runner.dataset.result;
          if (r && r !== "running") {
            mo.disconnect();
            clearTimeout(timer);
            resolve({ ms: performance.now() - t0, result: r });
          }
        };
        const mo = new MutationObserver(done);
        mo.observe(runner, { attributes: true, attributeFilter: ["data-result"] });
        delete runner.dataset.result;
        t0 = performance.now();
        section.querySelector(`[data-action=${action}]`).click();
      }),
    { id, action },
  );
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function timings(path) {
  const cold = [];
  const warm = [];
  const editFirst = [];
  const edit = [];
  for (let i = 0; i < RUNS; i++) {
    const b = await browser();
    try {
      const page = await b.context.newPage();
      await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
      const id = await page.locator("section.msi-snippet").first().getAttribute("id");
      // Cold: nothing of the runner is loaded; element.click() comes without a hover first.
      const c = await clickToResult(page, id);
      if (c.result !== "match") throw new Error(`cold run of ${id}: ${c.result}`);
      cold.push(c.ms);
      for (let j = 0; j < WARM_RUNS; j++) warm.push((await clickToResult(page, id)).ms);
      // Edit: open the editor (CodeMirror), type a line at the end, Run (the first edited Run loads sucrase).
      await page.locator(`#${id} [data-action=edit]`).click();
      const input = page.locator(`#${id} [data-editor=codemirror] .cm-content`);
      await input.waitFor();
      for (let j = 0; j < 6; j++) {
        await input.press("ControlOrMeta+End");
        await page.keyboard.type(`\nconsole.log("edit ${j}");`);
        const e = await clickToResult(page, id);
        if (e.result !== "differs") throw new Error(`edited run of ${id}: ${e.result}`);
        (j === 0 ? editFirst : edit).push(e.ms);
      }
    } finally {
      await b.close();
    }
  }
  return { cold, warm, editFirst, edit };
}

/**
 * The lab (/the-bug/lab/): click on an action -> its state picture and timeline drawn (the lab
 * replays the session in the worker and re-draws; `data-lab-steps` marks the pictures done,
 * the session's code and link follow a frame later). The first click loads the worker and the
 * model; the later ones, the seed scenario's steps, are warm.
 */
async function labTimings() {
  const first = [];
  const warm = [];
  const steps = ["open", "enable", "use", "use", "use", "shutdown", "firmware", "open", "enable", "use"];
  const ns = [undefined, undefined, 0, 1, 7, undefined, 64, undefined, undefined, 8];
  for (let i = 0; i < RUNS; i++) {
    const b = await browser();
    try {
      const page = await b.context.newPage();
      await page.goto(`${base}/the-bug/lab/`, { waitUntil: "networkidle" });
      await page.waitForFunction(() => document.querySelector("[data-lab]")?.getAttribute("aria-busy") === "false");
      for (let j = 0; j < steps.length; j++) {
        // The lab takes the next action once the last one is wholly done (its code and link too).
        await page.waitForFunction(() => document.querySelector("[data-lab]")?.getAttribute("aria-busy") === "false");
        const ms = await page.evaluate(
          ({ kind, n }) =>
            new Promise((resolve, reject) => {
              const root = document.querySelector("[data-lab]");
              const want = String(Number(root.dataset.labSteps) + 1);
              const timer = setTimeout(() => reject(new Error(`lab: no step ${want}`)), 15_000);
              const mo = new MutationObserver(() => {
                if (root.dataset.labSteps !== want) return;
                mo.disconnect();
                clearTimeout(timer);
                resolve(performance.now() - t0);
              });
              mo.observe(root, { attributes: true, attributeFilter: ["data-lab-steps"] });
              if (n !== undefined) root.querySelector(`[data-lab-n="${kind}"]`).value = String(n);
              const t0 = performance.now();
              root.querySelector(`[data-lab-action="${kind}"]`).click();
            }),
          { kind: steps[j], n: ns[j] },
        );
        (j === 0 ? first : warm).push(ms);
      }
    } finally {
      await b.close();
    }
  }
  return { first, warm };
}

/**
 * The code editor's download: what the first Edit on `path` transfers (compressed as served,
 * headers included, the cache off), after the page has loaded and a Run has drawn its
 * pictures, so only the editor's own chunk(s) count. Also checks that none of it came earlier.
 */
async function editorWeight(path) {
  const b = await browser();
  try {
    const page = await b.context.newPage();
    const rows = await recordTransfers(b.context, page);
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    const id = await page.locator("section.msi-snippet").first().getAttribute("id");
    const c = await clickToResult(page, id);
    if (c.result !== "match") throw new Error(`run of ${id} before Edit: ${c.result}`);
    await page.locator("figure[data-picture-for][data-picture-live]").first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    const before = rows.length;
    if (rows.some((r) => /\/_astro\/codemirror\./.test(r.url ?? ""))) throw new Error("CodeMirror loaded before Edit");
    await page.locator(`#${id} [data-action=edit]`).click();
    await page.locator(`#${id} [data-editor=codemirror] .cm-content`).waitFor();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const after = rows.slice(before).filter((r) => r.type === "Script");
    return {
      bytes: after.reduce((n, r) => n + r.bytes, 0),
      files: after.map((r) => new URL(r.url).pathname.replace(/^.*\//, "")),
    };
  } finally {
    await b.close();
  }
}

async function plainPage(snippetPath) {
  // The first sidebar page without snippets; else the 404 page (also plain Starlight).
  const b = await browser();
  try {
    const page = await b.context.newPage();
    await page.goto(`${base}${snippetPath}`);
    // sidebar links carry the base path; the paths here are relative to it
    const links = await page.$$eval("nav.sidebar a[href]", (as) => as.map((a) => a.href));
    for (const href of links.map((l) => l.slice(base.length))) {
      await page.goto(`${base}${href}`);
      if ((await page.locator("section.msi-snippet, [data-lab]").count()) === 0) return href;
    }
    return "/404.html";
  } finally {
    await b.close();
  }
}

const weightRow = (name, w) =>
  `| ${name} | ${kib(w.total)} | ${kib(w.Document)} | ${kib(w.Stylesheet)} | ${kib(w.Script)} | ${kib(w.Other)} | ${kib(w.raw)} | ${w.requests} | ${w.snippets ?? ""} |`;
const diff = (a, b) =>
  Object.fromEntries(
    ["total", "raw", "Document", "Stylesheet", "Script", "Other", "requests"].map((k) => [k, a[k] - b[k]]),
  );
const fmt = (ms) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

const server = await startPreview({ port: PORT, configArgs });
base = server.url;
try {
  const snippetPath = process.env.BENCH_PAGE ?? "/";
  const plain = await plainPage(snippetPath);
  log(`snippet page ${snippetPath}, plain page ${plain}; ${RUNS} fresh browsers ...`);
  const t = await timings(snippetPath);
  const lab = await labTimings();
  const editor = await editorWeight(snippetPath);
  const heavy = await weigh(snippetPath);
  const light = await weigh(plain);

  const row = (name, xs, goal) =>
    `| ${name} | ${fmt(median(xs))} | ${fmt(Math.min(...xs))} | ${fmt(Math.max(...xs))} | ${xs.length} | ${goal ? `< ${goal}` : ""} | ${goal ? (median(xs) < goal ? "yes" : "**no**") : ""} |`;
  const out = [
    `### In-page runner, ${snippetPath} (Chromium headless, astro preview on 127.0.0.1)`,
    "",
    "| click to output (ms) | median | min | max | n | goal | met |",
    "|---|---:|---:|---:|---:|---:|:-:|",
    row("first Run, cold (runner chunk + JSON + worker + model load after the click)", t.cold, 150),
    row("later Runs, warm worker", t.warm, 16),
    row("first edited Run (sucrase loads in the worker)", t.editFirst),
    row("edited Run (edit to output, sucrase loaded)", t.edit, 50),
    row("lab: first action after load (replay in the worker, state picture and timeline drawn)", lab.first),
    row("lab: later actions, warm (action to pictures)", lab.warm, 50),
    "",
    "| before interaction (transferred, compressed as served) | total | HTML | CSS | JS | other | uncompressed | requests | snippets |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    weightRow(`snippet page ${heavy.path}`, heavy),
    weightRow(`plain Starlight page ${light.path}`, light),
    weightRow("difference", diff(heavy, light)),
    "",
    `The code editor (CodeMirror), downloaded on the first Edit only: ${kib(editor.bytes)} (${editor.bytes} bytes, compressed as served; ${editor.files.join(", ")}).`,
    "",
    `The runner's own eager JS on ${heavy.path} (bootstrap + Vite's preload helper): ${kib(heavy.runner)}; the rest of the difference is the page's content (code blocks, figures) and Starlight's own scripts for it (Expressive Code, table of contents).`,
    "",
    `Scripts on ${heavy.path} before interaction: ${heavy.scripts.map((s) => s.replace(/^\/_astro\//, "")).join(", ") || "(none)"}`,
    '(astro preview compresses responses, as a real host would; "uncompressed" is the sum of the decoded bodies.)',
  ];
  process.stdout.write(`${out.join("\n")}\n`);
} finally {
  server.stop();
}

// The explorer's own table (states per second with and without pruning); no browser involved.
const explorer = spawnSync(process.execPath, [join(root, "scripts/explore.mjs"), "--bench"], { stdio: "inherit" });
if (explorer.status !== 0) process.exitCode = explorer.status ?? 1;

// Beside plain Starlight: every page's bytes and Lighthouse performance (scripts/bench-weight.mjs).
if (process.env.BENCH_WEIGHT !== "0") {
  const { benchWeight } = await import("./bench-weight.mjs");
  await benchWeight({ ports: [PORT + 1, PORT + 2] });
}
// The docs suite's fixed start-up and per-snippet cost (scripts/bench-docs.mjs).
if (process.env.BENCH_DOCS !== "0") {
  const { benchDocs } = await import("./bench-docs.mjs");
  benchDocs();
}
