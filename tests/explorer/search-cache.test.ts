/**
 * The cache of the explorer's searches (src/node/explorer/search-cache.ts): a result is read back
 * only when every file the search imports, its arguments and the Node version are what they were.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type CacheLayout, cachedSearch } from "../../src/node/explorer/search-cache";

let root: string;
let layout: CacheLayout;
let runs: number;
/** The setting of the run around these tests (`MSI_SEARCH_CACHE=off npm test`), put back after each. */
const outer = process.env.MSI_SEARCH_CACHE;
const search = () => {
  runs++;
  return { found: ["open", "enable"], runs };
};
const write = (file: string, text: string) => writeFileSync(join(root, file), text);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "msi-search-cache-"));
  mkdirSync(join(root, "lib"));
  write("entry.ts", 'import { b } from "./lib/b";\nexport const a = b + 1;\n');
  write("lib/b.ts", "export const b = 1;\n");
  write("unrelated.ts", "export const u = 1;\n");
  layout = { root, entries: ["entry.ts"], dir: join(root, "cache") };
  runs = 0;
  delete process.env.MSI_SEARCH_CACHE;
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  if (outer === undefined) delete process.env.MSI_SEARCH_CACHE;
  else process.env.MSI_SEARCH_CACHE = outer;
});

describe("cachedSearch", () => {
  test("the second run with nothing changed reads the first one's result back", () => {
    const first = cachedSearch(layout, "s", { depth: 5 }, search);
    const second = cachedSearch(layout, "s", { depth: 5 }, search);
    expect(first).toEqual({ value: { found: ["open", "enable"], runs: 1 }, reused: false });
    expect(second).toEqual({ value: first.value, reused: true });
    expect(runs).toBe(1);
  });

  test("a change to a file the entry imports, however deep, searches again", () => {
    cachedSearch(layout, "s", {}, search);
    write("lib/b.ts", "export const b = 2; // changed\n");
    expect(cachedSearch(layout, "s", {}, search).reused).toBe(false);
    write("entry.ts", 'import { b } from "./lib/b";\nexport const a = b + 2;\n');
    expect(cachedSearch(layout, "s", {}, search).reused).toBe(false);
    expect(runs).toBe(3);
    // A file the entry does not import is not an input.
    write("unrelated.ts", "export const u = 2; // changed\n");
    expect(cachedSearch(layout, "s", {}, search).reused).toBe(true);
  });

  test("other arguments or another name are another search", () => {
    cachedSearch(layout, "s", { depth: 5 }, search);
    expect(cachedSearch(layout, "s", { depth: 6 }, search).reused).toBe(false);
    expect(cachedSearch(layout, "t", { depth: 6 }, search).reused).toBe(false);
    expect(runs).toBe(3);
  });

  test("an unreadable entry is searched again and replaced; only the newest entry per name is kept", () => {
    cachedSearch(layout, "s/v6.5", {}, search);
    const [file] = readdirSync(layout.dir!);
    expect(file).toMatch(/^s_v6\.5\.[0-9a-f]{64}\.json$/);
    writeFileSync(join(layout.dir!, file!), "{ not json");
    expect(cachedSearch(layout, "s/v6.5", {}, search)).toEqual({
      value: { found: ["open", "enable"], runs: 2 },
      reused: false,
    });
    expect(cachedSearch(layout, "s/v6.5", {}, search).reused).toBe(true);
    write("lib/b.ts", "export const b = 3; // changed again\n");
    cachedSearch(layout, "s/v6.5", {}, search);
    expect(readdirSync(layout.dir!)).toHaveLength(1);
  });

  test("MSI_SEARCH_CACHE=off searches every time", () => {
    process.env.MSI_SEARCH_CACHE = "off";
    cachedSearch(layout, "s", {}, search);
    expect(cachedSearch(layout, "s", {}, search).reused).toBe(false);
    expect(runs).toBe(2);
  });
});
