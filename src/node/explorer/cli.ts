/**
 * `npm run explore`: the command line of the explorer. Node-only (it reads a clock and writes
 * files); the exploration itself is in explore.ts and touches neither.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { KERNEL, PLATFORM, profileName, QEMU } from "msi-lifecycle";
import { explore, type ProfileResult } from "../../explorer/explore";
import { allProfiles, type Profile, selectProfiles, UnknownProfileError } from "../../explorer/profiles";
import { PROPERTIES } from "../../explorer/properties";
import { counterexampleSnippet, GENERATED_MARK, SNIPPET_DIR, snippetName } from "../../explorer/snippet";
import { CLOSURE_LIMIT, type CliOptions, DEFAULT_DEPTH, parseArgs, RESULTS_FILE, USAGE, UsageError } from "./args";
import { benchRow, benchTable, report, resultsFile } from "./format";

export { CLOSURE_LIMIT, type CliOptions, DEFAULT_DEPTH, parseArgs, RESULTS_FILE, UsageError } from "./args";
export { type ResultsFile, report, resultsFile, startDescription } from "./format";

/** The depth the bench runs plain enumeration to (deeper takes minutes). */
export const BENCH_PLAIN_DEPTH = 5;

/** The exploration behind the committed results: every profile, default depth, with closure. */
export function exploreAll(profiles: readonly Profile[] = allProfiles()): ProfileResult[] {
  return profiles.map((p) => explore(p, { depth: DEFAULT_DEPTH, closureDepth: CLOSURE_LIMIT }));
}

interface Io {
  root: string;
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

function writeFile(root: string, rel: string, text: string): void {
  const abs = join(root, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/**
 * One snippet per property with a counterexample: the one found on the model's default profile
 * (the KERNEL, QEMU and PLATFORM snippets run under unless told otherwise) if it fails there,
 * else on the first profile that fails.
 */
export function snippetsFor(results: readonly ProfileResult[], profiles: readonly Profile[]): Map<string, string> {
  const files = new Map<string, string>();
  const byDefault = profileName({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });
  const isDefault = (r: ProfileResult) => r.profile === byDefault;
  for (const p of PROPERTIES) {
    const failing = results.filter((r) => r.properties.some((v) => v.name === p.name && !v.holds));
    const hit = failing.find(isDefault) ?? failing[0];
    if (!hit) continue;
    const c = hit.properties.find((v) => v.name === p.name)!.counterexample!;
    const found = profiles.find((x) => x.name === hit.profile)!;
    files.set(snippetName(p.name), counterexampleSnippet(p.name, c.actions, found, profiles));
  }
  return files;
}

function bench(io: Io, profiles: readonly Profile[], depth: number): void {
  const rows: string[] = [];
  /** Runs one exploration, measuring wall and CPU time (this process; the explorer is single-threaded). */
  const measured = (p: Profile, o: { depth: number; prune?: boolean }) => {
    const cpu0 = process.cpuUsage();
    const r = explore(p, { ...o, now: () => performance.now() });
    const cpu = process.cpuUsage(cpu0);
    return { r, cpuMs: (cpu.user + cpu.system) / 1000 };
  };
  const row = (m: { r: ProfileResult; cpuMs: number }, mode: string) => rows.push(benchRow(m.r, m.cpuMs, mode));
  let wall = 0;
  let cpu = 0;
  const plainDepth = Math.min(depth, BENCH_PLAIN_DEPTH);
  for (const p of profiles) {
    const pruned = measured(p, { depth });
    wall += pruned.r.ms;
    cpu += pruned.cpuMs;
    row(pruned, "pruned");
    row(measured(p, { depth: plainDepth }), "pruned");
    row(measured(p, { depth: plainDepth, prune: false }), "plain");
  }
  io.out.write(benchTable(rows, depth, profiles.length, wall, cpu));
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let o: CliOptions;
  let profiles: Profile[];
  try {
    o = parseArgs(argv);
    profiles = selectProfiles(o.profiles);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownProfileError) {
      io.err.write(`explore: ${e.message}\nRun \`npm run explore -- --help\` for the options.\n`);
      return 2;
    }
    throw e;
  }
  if (o.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  if (o.bench) {
    bench(io, profiles, o.depth);
    return 0;
  }
  const now = () => performance.now();
  const closureDepth = o.closure ? Math.max(o.depth, CLOSURE_LIMIT) : o.depth;
  const results = profiles.map((p) => explore(p, { depth: o.depth, prune: o.prune, closureDepth, now }));
  if (o.json) {
    io.out.write(`${JSON.stringify({ depth: o.depth, pruned: o.prune, profiles: results }, null, 2)}\n`);
  } else {
    io.out.write(`${report(results, o.depth, o.prune, o.closure)}\n`);
  }
  if (o.writeResults) {
    writeFile(io.root, RESULTS_FILE, `${JSON.stringify(resultsFile(results, o.depth), null, 2)}\n`);
    io.err.write(`explore: wrote ${RESULTS_FILE}\n`);
  }
  if (o.writeSnippets) {
    const files = snippetsFor(results, profiles);
    for (const [file, text] of files) {
      writeFile(io.root, file, text);
      io.err.write(`explore: wrote ${file}\n`);
    }
    // A property that no longer fails leaves its old snippet behind: remove the generated ones only.
    const dir = join(io.root, SNIPPET_DIR);
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const file = `${SNIPPET_DIR}/${name}`;
      if (files.has(file) || !readFileSync(join(dir, name), "utf8").includes(GENERATED_MARK)) continue;
      rmSync(join(dir, name));
      io.err.write(`explore: removed ${file} (its property no longer fails); remove its <Snippet> from the page\n`);
    }
  }
  return 0;
}
