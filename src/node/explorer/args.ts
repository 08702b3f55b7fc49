/**
 * The explorer's command-line options: their defaults, the usage text, and the parser, a table
 * of options with one small function each. Bad input throws UsageError saying what to do instead.
 */
import { SNIPPET_DIR } from "../../explorer/snippet";

/** The depth `npm run explore` uses unless told otherwise. */
export const DEFAULT_DEPTH = 8;
/** Where the committed results live, relative to the repository root. */
export const RESULTS_FILE = "docs/data/explorer-results.json";
/** How far --closure searches for the point where no new state appears. */
export const CLOSURE_LIMIT = 20;

export const USAGE = `Usage: npm run explore -- [options]

Runs every sequence of lifecycle actions up to a depth on each profile (kernel × QEMU version ×
platform), checks the properties after every step, and prints, per profile, the sequences and
states explored and, per property, "holds up to depth N" or its shortest counterexample.

Options:
  --depth N           sequences of up to N actions (default ${DEFAULT_DEPTH})
  --profile NAME      only this profile, named as the model names it (v6.5, v6.5/qemu-8.1,
                      v6.18/arm64); repeat or comma-separate for several (default: all, every
                      kernel × QEMU × platform)
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

interface ParseState {
  o: CliOptions;
  depthGiven: boolean;
}

/**
 * One option: "value" takes a value (`--name V` or `--name=V`), "flag" takes none (and rejects
 * `--name=V`), "loose" takes none and ignores an `=V` (as --help always has).
 */
interface OptionSpec {
  takes: "value" | "flag" | "loose";
  apply(st: ParseState, value: string): void;
}

const setDepth = (st: ParseState, v: string) => {
  if (!/^\d+$/.test(v)) throw new UsageError(`--depth must be a whole number, got "${v}"`);
  st.o.depth = Number(v);
  st.depthGiven = true;
};

const addProfiles = (st: ParseState, v: string) => {
  st.o.profiles.push(
    ...v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
};

const help: OptionSpec = {
  takes: "loose",
  apply: (st) => {
    st.o.help = true;
  },
};

/** An option without a value that sets one field. */
const flag = <K extends "json" | "prune" | "closure" | "writeSnippets" | "writeResults" | "bench">(
  key: K,
  value: boolean,
): OptionSpec => ({
  takes: "flag",
  apply: (st) => {
    st.o[key] = value;
  },
});

const OPTIONS = new Map<string, OptionSpec>([
  ["--depth", { takes: "value", apply: setDepth }],
  ["--profile", { takes: "value", apply: addProfiles }],
  ["--json", flag("json", true)],
  ["--no-prune", flag("prune", false)],
  ["--closure", flag("closure", true)],
  ["--write-snippets", flag("writeSnippets", true)],
  ["--write-results", flag("writeResults", true)],
  ["--bench", flag("bench", true)],
  ["--help", help],
  ["-h", help],
]);

function defaults(): CliOptions {
  return {
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
}

/** Reads the option at argv[i] into `st`; returns the index of the last argument it used. */
function parseOne(st: ParseState, argv: readonly string[], i: number): number {
  const arg = argv[i]!;
  const eq = arg.indexOf("=");
  const inline = arg.startsWith("--") && eq > 0;
  const name = inline ? arg.slice(0, eq) : arg;
  const spec = OPTIONS.get(name);
  if (!spec) {
    throw new UsageError(
      arg.startsWith("-") ? `unknown option ${name}` : `unexpected argument "${arg}" (options start with --)`,
    );
  }
  if (spec.takes === "value") {
    if (inline) {
      spec.apply(st, arg.slice(eq + 1));
      return i;
    }
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${name} needs a value`);
    spec.apply(st, v);
    return i + 1;
  }
  if (spec.takes === "flag" && eq > 0) throw new UsageError(`${name} takes no value`);
  spec.apply(st, "");
  return i;
}

/** The rules between options, checked once all are read. */
function checkCombination({ o, depthGiven }: ParseState): void {
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
}

/** Parses argv; throws UsageError with a message that says what to do instead. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const st: ParseState = { o: defaults(), depthGiven: false };
  for (let i = 0; i < argv.length; i++) i = parseOne(st, argv, i);
  checkCombination(st);
  if (st.o.writeResults) st.o.closure = true;
  return st.o;
}
