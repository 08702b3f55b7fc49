#!/usr/bin/env node
/**
 * `npm run explore`: runs the explorer (src/node/explorer/cli.ts) under the project's Node.
 * The explorer is TypeScript that imports the model as "msi-lifecycle"; esbuild (already a
 * dependency of the toolchain) bundles it with that alias into node_modules/.cache, in a few
 * tens of milliseconds, and this script imports the bundle and hands it the arguments.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");

/** Bundles `entry` (relative to the repository root) and imports it. */
export async function importTs(entry, name) {
  const outdir = join(root, "node_modules", ".cache", "msi-explorer");
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${name}.mjs`);
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    sourcemap: "inline",
    logLevel: "error",
    alias: { "msi-lifecycle": join(root, "src/model/index.ts") },
  });
  return import(`${pathToFileURL(outfile).href}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cli = await importTs("src/node/explorer/cli.ts", "cli");
  process.exitCode = await cli.main(process.argv.slice(2), { root, out: process.stdout, err: process.stderr });
}
