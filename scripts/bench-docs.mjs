/**
 * `npm run bench`, the docs suite's cost: wall time of `vitest run tests/docs.test.ts`
 * with no snippet run (`-t "docs structure"`: Vitest's start-up, the transform and
 * collectDocs, which parses every page and snippet) and with every snippet run, median
 * of BENCH_DOCS_RUNS (default 3) each. The fixed start-up is the first; the cost of one
 * snippet run is the difference divided by the number of snippet runs (one per snippet
 * and profile), as Vitest counts them in its JSON report.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./weigh.mjs";

const vitest = join(root, "node_modules/vitest/vitest.mjs");
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One run of the docs suite; wall ms and the number of tests that passed. */
function run(filter) {
  const dir = mkdtempSync(join(tmpdir(), "msi-bench-docs-"));
  try {
    const report = join(dir, "report.json");
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        vitest,
        "run",
        "tests/docs.test.ts",
        "--reporter=json",
        `--outputFile=${report}`,
        ...(filter ? ["-t", filter] : []),
      ],
      { cwd: root, stdio: ["ignore", "ignore", "inherit"] },
    );
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`docs suite failed (${r.status})`);
    const json = JSON.parse(readFileSync(report, "utf8"));
    return { ms, passed: json.numPassedTests };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchDocs() {
  const n = Math.max(1, Number(process.env.BENCH_DOCS_RUNS ?? 3));
  const none = [];
  const all = [];
  let structure = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    process.stderr.write(`bench: docs suite, run ${i + 1} of ${n} ...\n`);
    const a = run("docs structure");
    const b = run();
    none.push(a.ms);
    all.push(b.ms);
    structure = a.passed;
    total = b.passed;
  }
  const snippets = total - structure;
  const fixed = median(none);
  const full = median(all);
  const each = snippets > 0 ? (full - fixed) / snippets : Number.NaN;
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  const out = [
    "### The docs suite's cost (vitest run tests/docs.test.ts, wall time)",
    "",
    "| | median | runs |",
    "|---|---:|---:|",
    `| fixed start-up: Vitest, transform, collectDocs (${structure} structure tests, no snippet run) | ${s(fixed)} | ${n} |`,
    `| every snippet run (${snippets} snippet × profile runs) | ${s(full)} | ${n} |`,
    `| one snippet run, (all − start-up) / ${snippets} | ${each.toFixed(1)} ms | |`,
    `| 100 snippet runs, estimated: start-up + 100 × one | ${s(fixed + 100 * each)} | |`,
  ];
  process.stdout.write(`${out.join("\n")}\n\n`);
}
