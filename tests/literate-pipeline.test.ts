/**
 * The literate-test pipeline tested on a fixture tree of deliberate mistakes
 * (tests/fixtures/literate), not on the real docs: each way a page or snippet
 * can go wrong must fail with a message that names where and why.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { checkCase } from "../src/node/check";
import { collectDocs, type SnippetCase } from "../src/node/collect";
import { RUNNABLE_LANGS, scanPage } from "../src/node/mdx";
import { parseSnippet, SnippetFormatError, withOutputs } from "../src/snippet/file";

const root = join(import.meta.dirname, "fixtures", "literate");
const fixture = collectDocs({ root, pagesDir: "docs", snippetsDir: "snippets" });
const PAGE = "docs/demo/page.mdx";

function caseFor(name: string, folder = "page"): SnippetCase {
  const c = fixture.cases.find((x) => x.src === `demo/${folder}/${name}` && x.page.startsWith(`docs/demo/${folder}`));
  if (!c) throw new Error(`fixture case ${name} not collected`);
  return c;
}

function problemAbout(text: string) {
  return fixture.problems.find((p) => p.message.includes(text) || p.where.includes(text));
}

describe("collectDocs", () => {
  test("finds each embed with its page line and the profiles from its output blocks", () => {
    const passes = caseFor("passes");
    expect(passes.page).toBe(PAGE);
    expect(passes.pageLine).toBe(9);
    expect(passes.file).toBe("snippets/demo/page/passes.ts");
    expect(passes.snippet.outputs.map((o) => o.profile)).toEqual(["v6.5", "v6.5+fix"]);
  });

  test("reports a page that embeds a snippet that does not exist, at the page line", () => {
    const p = problemAbout("does-not-exist");
    expect(p?.where).toBe(`${PAGE}:21`);
    expect(p?.message).toContain("there is no snippets/demo/page/does-not-exist.ts");
  });

  test("reports a snippet file that no page embeds", () => {
    const p = problemAbout("orphan");
    expect(p?.where).toBe("snippets/demo/page/orphan.ts:1");
    expect(p?.message).toContain("no page embeds this snippet");
  });

  test("reports a ts code block that is neither embedded nor marked illustrative", () => {
    const blocks = fixture.problems.filter(
      (p) => p.message.includes("code block that no test runs") && p.where.startsWith(PAGE),
    );
    expect(blocks.map((b) => b.where)).toEqual([`${PAGE}:25`]);
    expect(blocks[0].message).toContain("```ts illustrative");
  });

  test("reports a snippet without an expected-output block", () => {
    const p = problemAbout("no-output-block");
    expect(p?.message).toContain('no expected output: end the file with a "// Output (<profile>):" block');
  });
});

describe("pictures", () => {
  const PICS = "docs/demo/pictures.mdx";
  test("collects each picture with its page line and the profiles it draws", () => {
    expect(fixture.pictures.map((p) => [p.component, p.page, p.line, p.profiles.join(" ")])).toEqual([
      ["Timeline", PICS, 11, "v6.5+fix"],
      ["StateView", PICS, 13, "v6.5"],
      ["SideBySide", PICS, 15, "v6.5 v6.5+fix"],
    ]);
  });

  test("reports a picture of a snippet that does not exist, at the page line", () => {
    const p = problemAbout("no-such-snippet");
    expect(p?.where).toBe(`${PICS}:19`);
    expect(p?.message).toContain(
      "draws a snippet that does not exist: there is no snippets/demo/page/no-such-snippet.ts",
    );
  });

  test("reports a picture on a profile the snippet does not declare", () => {
    const p = fixture.problems.find((x) => x.where === `${PICS}:23`);
    expect(p?.message).toContain(
      "draws profile v6.1, which snippets/demo/page/passes.ts does not declare (it declares v6.5, v6.5+fix)",
    );
  });

  test("reports a side by side with one profile", () => {
    const p = fixture.problems.find((x) => x.where === `${PICS}:27`);
    expect(p?.message).toContain('<SideBySide src="demo/page/passes"> needs 2 profiles, got 1');
  });

  test("rejects a picture whose src is not a plain string", () => {
    const scan = scanPage('import Timeline from "x";\n\n<Timeline src={name} />\n');
    expect(scan.pictures).toEqual([]);
    expect(scan.problems[0].message).toContain("<Timeline> needs a plain string src=");
  });
});

describe("checkCase", () => {
  test("passes when the output matches, under each profile, with KERNEL bound to the profile", () => {
    expect(checkCase(caseFor("passes"), "v6.5")).toEqual({
      ok: true,
      actual: "kernel v6.5\n{ hwsize: 8, descriptors: [ 0, 1 ] }",
    });
    expect(checkCase(caseFor("passes"), "v6.5+fix").ok).toBe(true);
  });

  test("fails on output that differs, with a line diff, the page line and the Output block line", () => {
    const v = checkCase(caseFor("output-differs"), "v6.5");
    expect(v.ok).toBe(false);
    expect(v.message).toContain(`page:    ${PAGE}:13`);
    expect(v.message).toContain('snippet: snippets/demo/page/output-differs.ts:8 (the "// Output (v6.5):" block)');
    expect(v.message).toMatch(/^-0$/m);
    expect(v.message).toMatch(/^\+-34$/m);
    expect(v.message).toMatch(/^ first line$/m);
  });

  test("fails on a snippet that throws, naming the error and its line in the snippet file", () => {
    const v = checkCase(caseFor("throws"), "v6.5");
    expect(v.ok).toBe(false);
    expect(v.message).toContain('snippet "demo/page/throws" threw an error under v6.5: TypeError:');
    expect(v.message).toContain("snippets/demo/page/throws.ts:6 (line 5, column 1 of the shown code)");
    expect(v.message).toContain("printed before it stopped:\n    before");
  });

  test("fails on a syntax error with line and column", () => {
    const v = checkCase(caseFor("syntax-error"), "v6.5");
    expect(v.message).toContain('snippet "demo/page/syntax-error" does not compile under v6.5: SyntaxError:');
    expect(v.message).toContain("snippets/demo/page/syntax-error.ts:4 (line 3, column 11 of the shown code)");
  });

  test("fails on a run under a QEMU or platform profile that creates no host with that profile", () => {
    // The output matches; the run is still refused, since it did not run QEMU 8.1 at all.
    const v = checkCase(caseFor("wrong-host-profile"), "v6.5/qemu-8.1");
    expect(v.ok).toBe(false);
    expect(v.actual).toBe("v6.5");
    expect(v.message).toContain(
      'snippet "demo/page/wrong-host-profile" declares an output for v6.5/qemu-8.1 but creates no host with that profile (its hosts: v6.5)',
    );
    expect(v.message).toContain("write createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM })");
    expect(v.message).toContain("snippets/demo/page/wrong-host-profile.ts:7");
  });

  test("stops an endless loop and says so instead of hanging", () => {
    const v = checkCase(caseFor("endless-loop"), "v6.5", 200);
    expect(v.ok).toBe(false);
    expect(v.message).toContain("did not finish under v6.5: the snippet ran longer than 200 ms and was stopped");
  });
});

describe("docs checks", () => {
  const CHECKS = "docs/demo/checks.mdx";

  test("a <Snippet /> without src fails, naming the page and line", () => {
    expect(fixture.problems.find((p) => p.where === `${CHECKS}:8`)?.message).toBe(
      '<Snippet> needs a plain string src="<group>/<page>/<name>"',
    );
  });

  test("a page that uses <Snippet> without importing it fails, naming the page and line", () => {
    const p = problemAbout("does not import Snippet");
    expect(p?.where).toBe("docs/demo/no-import.mdx:7");
    expect(p?.message).toContain('add import Snippet from "@components/Snippet.astro";');
    // A page that imports what it uses has no such problem.
    expect(fixture.problems.filter((x) => x.message.includes("does not import"))).toHaveLength(1);
  });

  test("code blocks in every JavaScript and TypeScript language, and <Code lang>, are caught unless illustrative", () => {
    const blocks = fixture.problems.filter((p) => p.where.startsWith(CHECKS) && p.message.includes("no test runs"));
    expect(blocks.map((b) => b.where)).toEqual([10, 14, 18, 22, 26, 30, 32].map((l) => `${CHECKS}:${l}`));
    expect(blocks.map((b) => b.message.slice(0, 14))).toEqual([
      "a `cjs` code b",
      "a `cts` code b",
      "a `mts` code b",
      "a `tsx` code b",
      "a `jsx` code b",
      "a `ts` code bl",
      "a `js` code bl",
    ]);
    expect(blocks[5].message).toContain('<Code lang="ts" meta="illustrative" ... />');
  });

  test("one list of languages serves both fences and <Code>", () => {
    for (const lang of RUNNABLE_LANGS) {
      const fence = scanPage(`\`\`\`${lang}\nx;\n\`\`\`\n`).problems;
      const code = scanPage(`import { Code } from "x";\n\n<Code lang="${lang}" code="x;" />\n`).problems;
      expect([fence.length, code.length], lang).toEqual([1, 1]);
    }
    expect(scanPage('import { Code } from "x";\n\n<Code lang={l} code="x;" />\n').problems[0].message).toContain(
      'needs a plain string lang="..."',
    );
  });
});

describe("async work and floods in CI", () => {
  /** Runs an async fixture with a short budget and returns its verdict and how long the run took. */
  function timed(name: string, budgetMs = 300) {
    const t0 = performance.now();
    const v = checkCase(caseFor(name, "async"), "v6.5", budgetMs);
    return { v, ms: performance.now() - t0 };
  }

  test("output from awaits, timers and promise callbacks is collected until the work settles", () => {
    expect(checkCase(caseFor("settles", "async"), "v6.5")).toEqual({
      ok: true,
      actual: "awaited on v6.5\nthen\ntimer",
    });
  });

  test.each(["microtask-loop", "promise-chain-loop"])(
    "a %s ends within its budget, naming the page and snippet",
    (name) => {
      const { v, ms } = timed(name);
      expect(v.ok).toBe(false);
      expect(v.message).toContain(`snippet "demo/async/${name}" did not finish under v6.5: Stopped:`);
      // The thread never answers, so the runner terminates it: the lines came before, as printed.
      expect(v.message).toContain(`printed before it stopped:\n    before the ${name === "microtask-loop" ? "loop" : "chain"}`);
      expect(v.message).toContain("  page:    docs/demo/async.mdx:");
      expect(v.message).toContain(`  snippet: snippets/demo/async/${name}.ts`);
      expect(ms).toBeLessThan(5000);
    },
  );

  test.each([
    ["immediate-loop", "setImmediate is blocked: snippets run in the browser too, where it does not exist"],
    ["nexttick-loop", "process is blocked: snippets run in the browser too, where it does not exist"],
  ])("Node's own scheduling (%s) is refused with an error naming it, as the browser has none", (name, error) => {
    const { v, ms } = timed(name);
    expect(v.ok).toBe(false);
    expect(v.message).toContain(`snippet "demo/async/${name}" threw an error under v6.5: Error: ${error}`);
    expect(v.message).toContain(`  snippet: snippets/demo/async/${name}.ts`);
    expect(ms).toBeLessThan(5000);
  });

  test("a timer loop is stopped at the budget, with what it was waiting for and what it printed", () => {
    const { v, ms } = timed("timeout-loop");
    expect(v.ok).toBe(false);
    expect(v.message).toContain(
      "did not finish under v6.5: Stopped: the snippet was still waiting for 1 timer when its 0.3 s ran out.",
    );
    expect(v.message).toContain("printed before it stopped:\n    before the timers");
    expect(ms).toBeLessThan(5000);
  });

  test("a flood is capped: the message says how many lines were dropped and its diff is short", () => {
    const v = checkCase(caseFor("flood", "async"), "v6.5");
    expect(v.ok).toBe(false);
    expect(v.actual.split("\n")).toHaveLength(1000);
    expect(v.message).toContain(
      "999,000 more lines were not kept: a run keeps at most 1,000 lines and 64 KB of output.",
    );
    expect(v.message).toContain("more lines of difference are not shown");
    expect(v.message?.split("\n").length).toBeLessThan(220);
  });
});

describe("scanPage", () => {
  test("reports invalid MDX as a problem with a position instead of throwing", () => {
    const scan = scanPage('---\ntitle: x\n---\n\n<Snippet src="a/b/c"\n');
    expect(scan.embeds).toEqual([]);
    expect(scan.problems[0].message).toMatch(/^the page is not valid MDX/);
    expect(scan.problems[0].line).toBeGreaterThan(1);
  });

  test("rejects a Snippet whose src is not a plain string", () => {
    const scan = scanPage('import Snippet from "x";\n\n<Snippet src={name} />\n');
    expect(scan.problems).toEqual([
      { line: 3, column: 1, message: '<Snippet> needs a plain string src="<group>/<page>/<name>"' },
    ]);
  });
});

describe("snippet files", () => {
  test("a bare // Output: block runs under the default profile v6.5", () => {
    const s = parseSnippet("// Shows: x\nconsole.log(1);\n\n// Output:\n// 1\n");
    expect(s.outputs).toEqual([{ profile: "v6.5", text: "1", line: 4 }]);
    expect(s.body).toBe("console.log(1);\n");
  });

  test("setup regions become collapsed line ranges of the shown body", () => {
    const s = parseSnippet(
      "// Shows: x\nimport {} from 'y';\n// #region setup\nlet a = 1;\n// #endregion\nconsole.log(a);\n// Output:\n// 1\n",
    );
    expect(s.regions).toEqual([{ name: "setup", startLine: 2, endLine: 4 }]);
  });

  test("rejects code after the expected output, with its file line", () => {
    expect(() => parseSnippet("// Shows: x\nconsole.log(1);\n// Output:\n// 1\nconsole.log(2);\n")).toThrow(
      SnippetFormatError,
    );
  });

  test("update mode rewrites only the output blocks", () => {
    const text = "// Shows: x\nconsole.log(1);\n\n// Output (v6.5):\n// old\n\n// Output (v6.5+fix):\n// old\n";
    const next = withOutputs(text, [
      { profile: "v6.5", text: "-34" },
      { profile: "v6.5+fix", text: "0\n\nend" },
    ]);
    expect(next).toBe(
      "// Shows: x\nconsole.log(1);\n\n// Output (v6.5):\n// -34\n\n// Output (v6.5+fix):\n// 0\n//\n// end\n",
    );
    expect(parseSnippet(next).outputs.map((o) => o.text)).toEqual(["-34", "0\n\nend"]);
  });
});
