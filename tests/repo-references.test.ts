/**
 * Nothing in the repository points at files that are not in it: every Markdown
 * file a tracked file names (README.md, ...) exists in the repository, and no file
 * refers to places outside the clone (an absolute path under the machine's work
 * folder, or a shared folder beside the clone). The files are the ones git tracks.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((f) => f && existsSync(join(root, f)));
const TEXT = /\.(md|mdx|ts|mjs|js|astro|json|css|yml|yaml|sh)$|^\.ci\//;
const texts = tracked.filter((f) => TEXT.test(f) && f !== "package-lock.json");
const names = new Set(tracked.map((f) => basename(f)));

/** Lines of tracked text files matching a pattern, as "file:line: text". */
function mentions(pattern: RegExp, keep: (match: string) => boolean): string[] {
  return texts.flatMap((file) =>
    readFileSync(join(root, file), "utf8")
      .split("\n")
      .flatMap((line, i) =>
        [...line.matchAll(pattern)].filter((m) => keep(m[1] ?? m[0])).map((m) => `${file}:${i + 1}: ${m[0]}`),
      ),
  );
}

test("the repository has text files to check", () => {
  expect(texts.length).toBeGreaterThan(50);
  expect(texts).toContain("README.md");
});

test("every Markdown file a file names is in the repository", () => {
  const missing = mentions(/(?<![\w/.-])([\w-]+\.md)\b/g, (name) => !names.has(name));
  expect(missing).toEqual([]);
});

test("no file points outside the clone", () => {
  const outside = mentions(/(?:^|[\s"'`(])((?:\.\.\/)+shared\b|\/work\/[\w.-]+)/g, () => true);
  expect(outside).toEqual([]);
});
