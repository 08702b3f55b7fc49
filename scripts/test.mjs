#!/usr/bin/env node
/**
 * `npm test`: the type-check (tsgo, three programs: the site and tests, the pure model, the
 * worker) and Vitest, started together. Vitest's output streams as it comes; the type-check's is
 * held and printed once both are done, under a heading, so the two never interleave. Exits with
 * the first failure's code. Extra arguments go to Vitest (`npm test -- tests/model`).
 *
 * Side by side rather than one after the other because Vitest's workers spend part of their time
 * waiting (snippet threads, time budgets that must run out), which the type-check fills.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
/** A package's JS entry, run on this Node (the project's own, which npm put first on PATH). */
const entry = (path) => [process.execPath, join(root, "node_modules", path)];
const PROGRAMS = ["tsconfig.check.json", "tsconfig.pure.json", "tsconfig.worker.json"];

/** Runs a command with `args`; resolves with its exit code and, unless `inherit`, its output. */
function run([cmd, ...pre], args, inherit) {
  return new Promise((resolve) => {
    const child = spawn(cmd, [...pre, ...args], { cwd: root, stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout?.on("data", (d) => {
      out += d;
    });
    child.stderr?.on("data", (d) => {
      out += d;
    });
    child.on("error", (e) => resolve({ code: 1, out: `${out}${e.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });
}

async function typecheck() {
  for (const p of PROGRAMS) {
    // Incremental: tsgo keeps what it learnt per file (hashes, errors) in node_modules/.cache and
    // re-checks only what a change can affect; a file that had errors reports them again.
    const info = join(root, "node_modules", ".cache", "tsgo", p.replace(/\.json$/, ".tsbuildinfo"));
    const r = await run(
      entry("@typescript/native-preview/bin/tsgo"),
      ["-p", p, "--incremental", "--tsBuildInfoFile", info],
      false,
    );
    if (r.code !== 0) return { ...r, out: `tsgo -p ${p} failed:\n${r.out}` };
  }
  return { code: 0, out: "" };
}

const [types, tests] = await Promise.all([
  typecheck(),
  run(entry("vitest/vitest.mjs"), ["run", ...process.argv.slice(2)], true),
]);
process.stdout.write(
  types.code === 0 ? `\nType-check (tsgo, ${PROGRAMS.join(", ")}): no errors\n` : `\nType-check:\n${types.out}`,
);
process.exitCode = types.code || tests.code;
