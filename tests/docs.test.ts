/**
 * The literate tests: every snippet a page embeds runs under each kernel profile
 * it declares, and what it prints must equal its `// Output (<profile>):` block.
 * Test names read `<page> > <snippet> [<profile>]`.
 *
 * Update mode (`npm run snippets:update`) rewrites the expected-output blocks
 * from the actual runs so the change can be reviewed in git. It refuses to run
 * in CI, and a plain `npm test` never writes a file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, test } from "vitest";
import { formatSeedMatrix, SEED_MATRIX, seedMatrix } from "../src/matrix/seed-matrix";
import { checkCase } from "../src/node/check";
import { collectDocs, type DocsLayout } from "../src/node/collect";
import { runSnippetInNode, warmNodeRunner } from "../src/node/run";
import { formatLineDiff, lineDiff } from "../src/runner/line-diff";
import { withOutputs } from "../src/snippet/file";

const root = join(import.meta.dirname, "..");
const layout: DocsLayout = { root, pagesDir: "docs/content/docs", snippetsDir: "snippets" };
const UPDATE = process.env.MSI_SNIPPETS_UPDATE === "1";
if (UPDATE && process.env.CI) {
  throw new Error("snippets:update rewrites snippet files; it never runs in CI (CI is set)");
}

warmNodeRunner(); // the snippets' worker thread loads while the pages are parsed
const { cases, problems } = collectDocs(layout);

/** A failure whose message is the whole story, without a stack into the test harness. */
function fail(message: string): never {
  const err = new Error(message);
  err.stack = `Error: ${message}`;
  throw err;
}

describe("docs structure", () => {
  test("pages embed only existing snippets, every snippet is embedded, no code block goes untested", () => {
    if (problems.length > 0) {
      fail(
        `${problems.length} problem(s) in the docs:\n${problems.map((p) => `  ${p.where}: ${p.message}`).join("\n")}`,
      );
    }
  });
  test("the docs embed at least one snippet", () => {
    if (cases.length === 0) fail(`no <Snippet> found under ${layout.pagesDir}`);
  });
  test("every snippet that runs on v6.5 and v6.5+fix expects different output (the fix is observable)", () => {
    const blind = cases
      .filter((c) => {
        const bug = c.snippet.outputs.find((o) => o.profile === "v6.5");
        const fix = c.snippet.outputs.find((o) => o.profile === "v6.5+fix");
        return bug && fix && bug.text === fix.text;
      })
      .map((c) => `  ${c.file}: the "v6.5" and "v6.5+fix" outputs are identical; declare only one of them`);
    if (blind.length > 0) fail(`snippets that cannot tell the fix apart:\n${[...new Set(blind)].join("\n")}`);
  });
});

const updates = new Map<string, Map<string, string>>();

const byPage = Map.groupBy(cases, (c) => c.page);
for (const [page, pageCases] of byPage) {
  describe(page.replace(`${layout.pagesDir}/`, "").replace(/\.mdx$/, ""), () => {
    for (const c of pageCases) {
      for (const { profile } of c.snippet.outputs) {
        test(`${c.src} [${profile}]`, () => {
          const verdict = checkCase(c, profile);
          if (UPDATE) {
            if (!updates.has(c.file)) updates.set(c.file, new Map());
            updates.get(c.file)?.set(profile, verdict.actual);
            return;
          }
          if (!verdict.ok) fail(verdict.message ?? "failed");
        });
      }
    }
  });
}

describe("the seed matrix", () => {
  // The overview page draws this table at build time from the same runs (docs/components/SeedMatrix.astro).
  test(`${SEED_MATRIX.src} on every kernel × QEMU × platform matches ${SEED_MATRIX.file}`, () => {
    const c = cases.find((x) => x.src === SEED_MATRIX.src);
    if (!c) fail(`no page embeds ${SEED_MATRIX.src}`);
    const actual = formatSeedMatrix(
      seedMatrix((profile) => {
        const r = runSnippetInNode(c.snippet.body, profile);
        if (r.error || !r.hosts[0])
          fail(`${SEED_MATRIX.src} did not run on ${profile}: ${r.error?.message ?? "no host"}`);
        return r.hosts[0].trace;
      }),
    );
    const abs = join(root, SEED_MATRIX.file);
    if (UPDATE) {
      let before = "";
      try {
        before = readFileSync(abs, "utf8");
      } catch {}
      if (before !== actual) {
        writeFileSync(abs, actual);
        console.log(`updated ${SEED_MATRIX.file}`);
      }
      return;
    }
    const expected = readFileSync(abs, "utf8");
    if (actual !== expected) {
      fail(
        `the seed matrix changed: a model change altered the table on the overview page\n` +
          `  to accept it: npm run snippets:update, then review ${SEED_MATRIX.file} in git\n\n` +
          `--- expected (${SEED_MATRIX.file})\n+++ actual\n${formatLineDiff(lineDiff(expected, actual))}`,
      );
    }
  });
});

afterAll(() => {
  if (!UPDATE) return;
  for (const [file, actual] of updates) {
    const abs = join(root, file);
    const text = readFileSync(abs, "utf8");
    const c = cases.find((x) => x.file === file);
    if (!c) continue;
    const outputs = c.snippet.outputs.map((o) => ({ profile: o.profile, text: actual.get(o.profile) ?? o.text }));
    const next = withOutputs(text, outputs);
    if (next !== text) {
      writeFileSync(abs, next);
      console.log(`updated ${file}`);
    }
  }
});
