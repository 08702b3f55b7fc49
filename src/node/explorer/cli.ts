/**
 * `npm run explore`: the command line of the explorer. Node-only (it reads a clock and writes
 * files); the exploration itself is in explore.ts and touches neither.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { KERNEL } from "msi-lifecycle";
import { ACTIONS, BDF, INITIAL_TABLE_SIZE } from "../../explorer/actions";
import { explore, type ProfileResult } from "../../explorer/explore";
import { allProfiles, type Profile, selectProfiles, UnknownProfileError } from "../../explorer/profiles";
import { DETERMINISM, PROPERTIES } from "../../explorer/properties";
import { counterexampleSnippet, GENERATED_MARK, SNIPPET_DIR, snippetName } from "../../explorer/snippet";

/** The depth `npm run explore` uses unless told otherwise. */
export const DEFAULT_DEPTH = 8;
/** Where the committed results live, relative to the repository root. */
export const RESULTS_FILE = "docs/data/explorer-results.json";
/** How far --closure searches for the point where no new state appears. */
export const CLOSURE_LIMIT = 20;
/** The depth the bench runs plain enumeration to (deeper takes minutes). */
export const BENCH_PLAIN_DEPTH = 5;

const USAGE = `Usage: npm run explore -- [options]

Runs every sequence of lifecycle actions up to a depth on each profile, checks the properties
after every step, and prints, per profile, the sequences and states explored and, per property,
"holds up to depth N" or its shortest counterexample.

Options:
  --depth N           sequences of up to N actions (default ${DEFAULT_DEPTH})
  --profile NAME      only this profile; repeat or comma-separate for several (default: all)
  --json              print the results as JSON
  --no-prune          run every sequence instead of pruning repeated states (slow past depth 6)
  --closure           keep searching past the depth (up to ${CLOSURE_LIMIT}) until no new state appears:
                      a property that still holds then holds for sequences of any length
  --write-snippets    write each property's shortest counterexample to ${SNIPPET_DIR}/
  --write-results     write ${RESULTS_FILE} (every profile, default depth, with --closure)
  --bench             measure states per second with and without pruning, as a table
  --help              this text`;

/** Thrown for bad command-line input. */
export class UsageError extends Error {}

export interface CliOptions {
  depth: number;
  profiles: string[];
  json: boolean;
  prune: boolean;
  closure: boolean;
  writeSnippets: boolean;
  writeResults: boolean;
  bench: boolean;
  help: boolean;
}

/** Parses argv; throws UsageError with a message that says what to do instead. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const o: CliOptions = {
    depth: DEFAULT_DEPTH,
    profiles: [],
    json: false,
    prune: true,
    closure: false,
    writeSnippets: false,
    writeResults: false,
    bench: false,
    help: false,
  };
  let depthGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0 && arg.startsWith("--")) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${name} needs a value`);
      return v;
    };
    const flag = () => {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
    };
    switch (name) {
      case "--depth": {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--depth must be a whole number, got "${v}"`);
        o.depth = Number(v);
        depthGiven = true;
        break;
      }
      case "--profile":
        o.profiles.push(
          ...value()
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case "--json":
        flag();
        o.json = true;
        break;
      case "--no-prune":
        flag();
        o.prune = false;
        break;
      case "--closure":
        flag();
        o.closure = true;
        break;
      case "--write-snippets":
        flag();
        o.writeSnippets = true;
        break;
      case "--write-results":
        flag();
        o.writeResults = true;
        break;
      case "--bench":
        flag();
        o.bench = true;
        break;
      case "--help":
      case "-h":
        o.help = true;
        break;
      default:
        throw new UsageError(
          arg.startsWith("-") ? `unknown option ${name}` : `unexpected argument "${arg}" (options start with --)`,
        );
    }
  }
  for (const [on, name] of [
    [o.writeResults, "--write-results"],
    [o.writeSnippets, "--write-snippets"],
  ] as const) {
    if (on && (o.profiles.length > 0 || (depthGiven && o.depth !== DEFAULT_DEPTH) || !o.prune)) {
      throw new UsageError(
        `${name} writes committed files from the full exploration: every profile, depth ${DEFAULT_DEPTH}, with pruning; drop --profile, --depth and --no-prune`,
      );
    }
  }
  if (o.closure && !o.prune) throw new UsageError("--closure needs pruning; drop --no-prune");
  if (o.writeResults) o.closure = true;
  return o;
}

/** The committed results: what a test regenerates and compares, so the page cannot drift. */
export interface ResultsFile {
  depth: number;
  start: string;
  actions: { id: string; label: string }[];
  properties: { name: string; sentence: string }[];
  profiles: Omit<ProfileResult, "ms">[];
}

/** The results file for `results` (timings dropped: they differ from run to run). */
export function resultsFile(results: readonly ProfileResult[], depth: number): ResultsFile {
  return {
    depth,
    start: startDescription(),
    actions: ACTIONS.map((a) => ({ id: a.id, label: a.label })),
    properties: [...PROPERTIES, DETERMINISM].map((p) => ({ name: p.name, sentence: p.sentence })),
    profiles: results.map(({ ms: _ms, ...r }) => r),
  };
}

/** The exploration behind the committed results: every profile, default depth, with closure. */
export function exploreAll(profiles: readonly Profile[] = allProfiles()): ProfileResult[] {
  return profiles.map((p) => explore(p, { depth: DEFAULT_DEPTH, closureDepth: CLOSURE_LIMIT }));
}

export function startDescription(): string {
  return `one VF (${BDF}) with Table Size ${INITIAL_TABLE_SIZE}, bound to vfio-pci, no VM running`;
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const padL = (s: string | number, n: number) => String(s).padStart(n);
const int = (n: number) => n.toLocaleString("en-US");

/** The plain-text report. */
export function report(results: readonly ProfileResult[], depth: number, prune: boolean, closure: boolean): string {
  const out: string[] = [];
  out.push(`Every sequence of up to ${depth} actions, from ${startDescription()}.`);
  out.push(`Actions (${ACTIONS.length}): ${ACTIONS.map((a) => a.id).join(", ")}`);
  out.push("");
  const w = Math.max(7, ...results.map((r) => r.profile.length));
  const closedText = (r: ProfileResult) =>
    r.closure.closedAt === null
      ? `open at ${r.closure.searched}`
      : `${r.closure.closedAt} (${int(r.closure.states)} states)`;
  out.push(
    `${pad("profile", w)}  ${padL("sequences", 13)}  ${padL("states", 7)}  ${padL("steps run", 9)}  ${padL("reduction", 9)}  ${padL("time", 8)}${closure ? "  no new state after" : ""}`,
  );
  for (const r of results) {
    const red = prune && r.steps > 0 ? `${(r.sequences / r.steps).toFixed(0)}x` : "none";
    out.push(
      `${pad(r.profile, w)}  ${padL(int(r.sequences), 13)}  ${padL(int(r.states), 7)}  ${padL(int(r.steps), 9)}  ${padL(red, 9)}  ${padL(`${(r.ms / 1000).toFixed(2)} s`, 8)}${closure ? `  ${closedText(r)}` : ""}`,
    );
  }
  out.push("");
  out.push(
    prune
      ? "sequences: every action sequence of length 1..depth (what plain enumeration runs); steps run: the steps the\npruned search checked, one per distinct state and action; reduction: sequences / steps run."
      : "Plain enumeration: every sequence was run (no pruning).",
  );
  for (const p of [...PROPERTIES, DETERMINISM]) {
    out.push("");
    out.push(`${p.name}: ${p.sentence}`);
    for (const r of results) {
      const v = r.properties.find((x) => x.name === p.name)!;
      if (v.holds) {
        const beyond = r.closure.beyond.find((b) => b.name === p.name);
        const tail = beyond
          ? `; FAILS after ${beyond.length} actions (found by --closure)`
          : r.closure.closedAt !== null
            ? `, and for every longer one (no new state after depth ${r.closure.closedAt})`
            : "";
        out.push(`  ${pad(r.profile, w)}  holds for every sequence up to depth ${r.depth}${tail}`);
      } else {
        const c = v.counterexample!;
        out.push(`  ${pad(r.profile, w)}  FAILS after ${c.actions.length}: ${c.actions.join(", ")}`);
        out.push(`  ${pad("", w)}  ${c.failure}`);
      }
    }
  }
  return out.join("\n");
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
 * One snippet per property with a counterexample: the one found on the model's default kernel
 * (the KERNEL snippets run under unless told otherwise) if it fails there, else on the first
 * profile that fails.
 */
export function snippetsFor(results: readonly ProfileResult[], profiles: readonly Profile[]): Map<string, string> {
  const files = new Map<string, string>();
  const isDefault = (r: ProfileResult) => profiles.find((x) => x.name === r.profile)?.options.kernel === KERNEL;
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
  const row = ({ r, cpuMs }: { r: ProfileResult; cpuMs: number }, mode: string) => {
    const s = cpuMs / 1000;
    rows.push(
      `| ${r.profile} | ${mode} | ${r.depth} | ${int(r.sequences)} | ${int(r.states)} | ${int(r.steps)} | ${int(r.actionsRun)} | ${(r.ms / 1000).toFixed(2)} | ${s.toFixed(2)} | ${int(Math.round(r.steps / s))} | ${int(Math.round(r.sequences / s))} |`,
    );
  };
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
  io.out.write(
    [
      "",
      `### Explorer: every action sequence, per profile (\`npm run explore -- --bench\`)`,
      "",
      "| profile | search | depth | sequences covered | distinct states | steps checked | actions run (with replays) | wall (s) | CPU (s) | steps/s (CPU) | sequences/s (CPU) |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
      ...rows,
      "",
      `Depth ${depth}, pruned, all ${profiles.length} profiles: ${(wall / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU (goal: under 10 s). Plain enumeration checks one step per sequence; the pruned search one per distinct state and action, plus the replays that bring a state back (actions run). Wall time grows with other load on the machine; CPU time does not.`,
      "",
    ].join("\n"),
  );
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
