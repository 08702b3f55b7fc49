/**
 * The script of the Node docs runner's worker thread (thread.ts and what it
 * imports, the model included), bundled by esbuild, since a worker thread cannot
 * load the project's TypeScript. The bundle is cached under node_modules/.cache
 * with the size and time of every file it was built from, and rebuilt when one
 * of them changed, so each test process does not pay for a build. Node-only.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

interface Cached {
  /** Every input file (absolute) with its size and mtime when the bundle was built. */
  inputs: Record<string, [number, number]>;
  code: string;
}

/** The folder of thread.ts: here in the sources, else under the working directory (a bundled build). */
function sourceDir(): string {
  const here = import.meta.dirname;
  return here && existsSync(join(here, "thread.ts")) ? here : join(process.cwd(), "src", "node");
}

const stamp = (file: string): [number, number] | undefined => {
  try {
    const s = statSync(file);
    return [s.size, s.mtimeMs];
  } catch {
    return undefined;
  }
};

function fresh(cached: Cached): boolean {
  return Object.entries(cached.inputs).every(([file, [size, mtime]]) => {
    const now = stamp(file);
    return now !== undefined && now[0] === size && now[1] === mtime;
  });
}

function build(dir: string): Cached {
  const out = buildSync({
    entryPoints: [join(dir, "thread.ts")],
    alias: { "msi-lifecycle": join(dir, "..", "model", "index.ts") },
    absWorkingDir: join(dir, "..", ".."),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node22",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const root = join(dir, "..", "..");
  const inputs: Cached["inputs"] = {};
  for (const input of Object.keys(out.metafile.inputs)) {
    const file = join(root, input);
    const s = stamp(file);
    if (s) inputs[file] = s;
  }
  return { inputs, code: out.outputFiles[0].text };
}

/** The thread's script, from the cache when no file it was built from has changed. */
export function threadScript(): string {
  const dir = sourceDir();
  const cacheDir = join(dir, "..", "..", "node_modules", ".cache", "msi-lifecycle");
  const file = join(cacheDir, "thread.json");
  try {
    const cached = JSON.parse(readFileSync(file, "utf8")) as Cached;
    if (fresh(cached)) return cached.code;
  } catch {}
  const built = build(dir);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(built));
    renameSync(tmp, file); // whole or not at all, when test processes build at once
  } catch {}
  return built.code;
}
