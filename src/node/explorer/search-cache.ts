/**
 * The explorer's searches in `npm test`, kept between runs on one machine. A search is a pure
 * function of the sources it runs (the explorer and the model) and of its arguments: the model
 * has no clock, no randomness and no state outside a host, and the explorer checks that every
 * sequence it keeps gives the same trace when run again. So a search's result is stored under
 * node_modules/.cache, keyed by a SHA-256 of every file the search imports (esbuild's metafile of
 * its entry points: nothing it imports is left out), of its arguments and of the Node version,
 * and a later run whose key is the same reads the result instead of searching again. Changing any
 * of those files, even by one byte, gives a new key and a new search, as does a fresh clone (CI),
 * which has no cache. `MSI_SEARCH_CACHE=off` searches every time. Node-only.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";

/** Where the search's sources are and where results are kept. */
export interface CacheLayout {
  /** The repository root. */
  root: string;
  /** The search's entry points, relative to the root: the key covers everything they import. */
  entries: string[];
  /** Where results are kept (default: node_modules/.cache/msi-lifecycle/searches under the root). */
  dir?: string;
}

/** What cachedSearch() returns: the result, and whether it was read from the cache. */
export interface Cached<T> {
  value: T;
  reused: boolean;
}

/** Every file the entries import (the entries included), relative to the root, sorted. */
function inputsOf({ root, entries }: CacheLayout): string[] {
  const out = buildSync({
    entryPoints: entries.map((e) => join(root, e)),
    alias: { "msi-lifecycle": join(root, "src", "model", "index.ts") },
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    outdir: "out",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(out.metafile.inputs).sort();
}

/** The digest of every input's path and bytes, per layout; recomputed when an input's size or time changed. */
const digests = new Map<string, { stamps: [string, number, number][]; digest: string }>();

function inputsDigest(layout: CacheLayout): string {
  const memoKey = JSON.stringify([layout.root, layout.entries]);
  const memo = digests.get(memoKey);
  if (memo?.stamps.every(([file, size, mtime]) => sameStamp(join(layout.root, file), size, mtime))) return memo.digest;
  const h = createHash("sha256");
  const stamps: [string, number, number][] = [];
  for (const file of inputsOf(layout)) {
    const abs = join(layout.root, file);
    const { size, mtimeMs } = statSync(abs);
    stamps.push([file, size, mtimeMs]);
    h.update(`${file}\0`);
    h.update(readFileSync(abs));
    h.update("\0");
  }
  const digest = h.digest("hex");
  digests.set(memoKey, { stamps, digest });
  return digest;
}

function sameStamp(file: string, size: number, mtime: number): boolean {
  try {
    const s = statSync(file);
    return s.size === size && s.mtimeMs === mtime;
  } catch {
    return false;
  }
}

/** The key of a search: its name, its arguments, the Node version and every input's path and bytes. */
export function searchKey(layout: CacheLayout, name: string, args: unknown): string {
  return createHash("sha256")
    .update(`${name}\0${JSON.stringify(args)}\0${process.version}\0${inputsDigest(layout)}`)
    .digest("hex");
}

const cacheOff = () => /^(off|0|false|no)$/i.test(process.env.MSI_SEARCH_CACHE ?? "");

/**
 * `search()`'s result, from the cache when a run with the same key stored it, else searched now
 * and stored (only the newest result per name is kept). An unreadable cache entry is searched again.
 */
export function cachedSearch<T>(layout: CacheLayout, name: string, args: unknown, search: () => T): Cached<T> {
  if (cacheOff()) return { value: search(), reused: false };
  const dir = layout.dir ?? join(layout.root, "node_modules", ".cache", "msi-lifecycle", "searches");
  const key = searchKey(layout, name, args);
  const stem = name.replace(/[^\w.+-]/g, "_");
  const file = join(dir, `${stem}.${key}.json`);
  try {
    return { value: JSON.parse(readFileSync(file, "utf8")) as T, reused: true };
  } catch {}
  const value = search();
  try {
    mkdirSync(dir, { recursive: true });
    for (const old of readdirSync(dir)) {
      const m = /^(.*)\.[0-9a-f]{64}\.json$/.exec(old);
      if (m?.[1] === stem) rmSync(join(dir, old), { force: true });
    }
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file); // whole or not at all, when two test processes store at once
  } catch {}
  return { value, reused: false };
}
