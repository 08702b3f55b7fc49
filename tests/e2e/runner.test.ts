/**
 * The in-page snippet runner on the real overview page (/): Run, the profile
 * switch, Edit / Reset, error positions, the time budget, loading on interest
 * only, the page without JavaScript, and axe-core in both themes. Snippets are
 * discovered from the DOM (`section.msi-snippet`), not hard-coded.
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { axeViolations } from "./axe";
import { type Browser, launch } from "./browser";
import { editorCaret, editorInput, editorValue, fillEditor } from "./edit-run";

const PAGE = "/";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(b: Browser = browser, theme?: "light" | "dark"): Promise<Page> {
  const page = await b.context.newPage();
  if (theme) await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
  await page.goto(`${inject("baseUrl")}${PAGE}`, { waitUntil: "networkidle" });
  return page;
}

/** The snippets on the page, with their profiles and expected outputs. */
async function snippets(page: Page) {
  return page.$$eval("section.msi-snippet", (sections) =>
    sections.map((s) => ({
      id: s.id,
      profiles: (s.getAttribute("data-profiles") ?? "").split(" ").filter(Boolean),
      expected: Object.fromEntries(
        [...s.querySelectorAll<HTMLElement>("figure.msi-snippet__output")].map((f) => [
          f.dataset.profile ?? "",
          f.querySelector("pre")?.textContent ?? "",
        ]),
      ) as Record<string, string>,
    })),
  );
}

/** Waits until the snippet's run has finished and returns its result kind. */
async function result(section: Locator, timeout = 10_000): Promise<string> {
  const runner = section.locator("[data-runner]");
  await expect
    .poll(async () => (await runner.getAttribute("data-result")) ?? "", { timeout, interval: 25 })
    .toMatch(/^(match|differs|error|timeout|ran)$/);
  return (await runner.getAttribute("data-result")) ?? "";
}

/**
 * True when the locator's element has focus. `:focus` rather than document.activeElement,
 * which names the shadow host when the focus is inside CodeMirror's shadow root.
 */
const focused = (l: Locator) => l.evaluate((e) => e.matches(":focus"));

const status = (section: Locator) => section.locator("[data-runner-status]").textContent();
const output = (section: Locator) => section.locator("[data-runner-output]").textContent();

test("the overview page embeds several runnable snippets", async () => {
  const page = await open();
  const found = await snippets(page);
  expect(found.length).toBeGreaterThanOrEqual(3);
  for (const s of found) {
    expect(await page.locator(`#${s.id} [data-action=run]`).isVisible()).toBe(true);
  }
  await page.close();
});

test("Run prints the expected output of every snippet (first profile) and says it matches", async () => {
  const page = await open();
  for (const s of await snippets(page)) {
    const section = page.locator(`#${s.id}`);
    await section.locator("[data-action=run]").click();
    expect(await result(section), `${s.id}: ${await status(section)}`).toBe("match");
    expect(await output(section)).toBe(s.expected[s.profiles[0]]);
    expect(await status(section)).toContain(`Matches the expected output on ${s.profiles[0]}`);
    // the status line is a live region, so the result is announced
    expect(await section.locator("[data-runner-status]").getAttribute("role")).toBe("status");
  }
  await page.close();
});

test("the kernel profile switch (keyboard) re-runs under the other profile", async () => {
  const page = await open();
  const multi = (await snippets(page)).find(
    (s) => s.profiles.length > 1 && s.expected[s.profiles[0]] !== s.expected[s.profiles[1]],
  );
  expect(multi, "a snippet with two profiles whose outputs differ").toBeDefined();
  if (!multi) return;
  const section = page.locator(`#${multi.id}`);
  await section.locator("[data-action=run]").click();
  expect(await result(section)).toBe("match");
  expect(await output(section)).toBe(multi.expected[multi.profiles[0]]);

  const radios = section.locator("input[type=radio]");
  expect(await radios.count()).toBe(multi.profiles.length);
  await radios.first().focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => section.locator("[data-runner-profile]").textContent()).toBe(multi.profiles[1]);
  expect(await result(section)).toBe("match");
  expect(await output(section)).toBe(multi.expected[multi.profiles[1]]);
  expect(await section.locator("input[type=radio]:checked").getAttribute("value")).toBe(multi.profiles[1]);
  await page.close();
});

describe("Edit", () => {
  test("edit, run (with a line diff), and reset", async () => {
    const page = await open();
    const [first] = await snippets(page);
    const section = page.locator(`#${first.id}`);
    await section.locator("[data-action=edit]").click();
    const editor = editorInput(section);
    await editor.waitFor(); // CodeMirror's chunk loads on this first Edit
    await expect.poll(() => focused(editor)).toBe(true);
    expect(await editor.getAttribute("aria-label")).toMatch(/^Edit the snippet: /);
    expect(await section.locator(".expressive-code").isHidden()).toBe(true);
    await editor.press("ControlOrMeta+End");
    await page.keyboard.type('\nconsole.log("edited in the page");');
    await section.locator("[data-action=run]").click();
    expect(await result(section)).toBe("differs");
    expect(await output(section)).toBe(`${first.expected[first.profiles[0]]}\nedited in the page`);
    expect(await status(section)).toContain("1 line changed");
    const diff = await section.locator("[data-runner-diff] .msi-runner__d--add").allTextContents();
    expect(diff).toEqual(["+ edited in the page\n"]);

    await section.locator("[data-action=reset]").click();
    expect(await section.locator("[data-editor]").count()).toBe(0);
    expect(await section.locator(".expressive-code").isVisible()).toBe(true);
    expect(await section.locator("[data-runner-result]").isHidden()).toBe(true);
    await section.locator("[data-action=run]").click();
    expect(await result(section)).toBe("match");
    await page.close();
  });

  test("Tab inserts two spaces; Escape then Tab leaves the editor (no focus trap), as the hint says", async () => {
    const page = await open();
    const [first] = await snippets(page);
    const section = page.locator(`#${first.id}`);
    await fillEditor(section, "x");
    const editor = editorInput(section);
    const hint = section.locator("[data-runner-hint]");
    expect(await hint.isVisible()).toBe(true);
    expect(await hint.textContent()).toMatch(
      /Tab inserts two spaces; press Escape, then Tab straight away, to leave the editor/,
    );
    // the editor is described by the hint (a copy in its shadow root: ids do not reach across)
    const description = await editor.evaluate((e) => {
      const root = e.getRootNode() as ShadowRoot;
      return root.getElementById(e.getAttribute("aria-describedby") ?? "")?.textContent ?? "";
    });
    expect(description).toBe(((await hint.textContent()) ?? "").replace(/\s+/g, " ").trim());
    await editor.press("End");
    await page.keyboard.press("Tab");
    expect(await editorValue(section)).toBe("x  ");
    await expect.poll(() => focused(editor)).toBe(true);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    expect(await focused(editor)).toBe(false);
    expect(await editorValue(section)).toBe("x  ");
    // the Tab after coming back indents again
    await editor.focus();
    await page.keyboard.press("Tab");
    expect(await editorValue(section)).toBe("x    ");
    // Shift+Tab goes back out the other way
    await page.keyboard.press("Shift+Tab");
    expect(await focused(editor)).toBe(false);
    expect(await editorValue(section)).toBe("x    ");
    await page.close();
  });

  test("CodeMirror: undo and redo, bracket matching, line numbers, TypeScript highlighting, Ctrl+Enter runs", async () => {
    const page = await open();
    const [first] = await snippets(page);
    const section = page.locator(`#${first.id}`);
    await fillEditor(section, "const n: number = (1 + 2);\nconsole.log(n);\n");
    const editor = editorInput(section);
    expect(await section.locator(".cm-lineNumbers .cm-gutterElement").allTextContents()).toEqual(
      expect.arrayContaining(["1", "2", "3"]),
    );
    // TypeScript: the type annotation is a type name, `const` a keyword
    expect(await section.locator(".cm-line .tok-typeName").first().textContent()).toBe("number");
    expect(await section.locator(".cm-line .tok-keyword").first().textContent()).toBe("const");
    // the caret after "(" marks the bracket and its partner
    await editor.press("ControlOrMeta+Home");
    for (let i = 0; i < "const n: number = (".length; i++) await page.keyboard.press("ArrowRight");
    await expect.poll(() => section.locator(".cm-matchingBracket").allTextContents()).toEqual(["(", ")"]);
    // undo takes back typing, redo brings it again
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("// typed");
    expect(await editorValue(section)).toBe("const n: number = (1 + 2);\nconsole.log(n);\n// typed");
    await page.keyboard.press("ControlOrMeta+z");
    expect(await editorValue(section)).toBe("const n: number = (1 + 2);\nconsole.log(n);\n");
    await page.keyboard.press("Control+y");
    expect(await editorValue(section)).toBe("const n: number = (1 + 2);\nconsole.log(n);\n// typed");
    // Ctrl+Enter runs the edit
    await page.keyboard.press("ControlOrMeta+Enter");
    expect(await result(section)).toBe("differs");
    expect(await output(section)).toBe("3");
    await page.close();
  });

  test("a syntax error comes back with its line and column in the snippet", async () => {
    const page = await open();
    const [first] = await snippets(page);
    const section = page.locator(`#${first.id}`);
    await fillEditor(section, "const a: number = 1;\nconsole.log(a +);\n");
    await section.locator("[data-action=run]").click();
    expect(await result(section)).toBe("error");
    expect(await section.locator("[data-runner-error] .msi-runner__pos").textContent()).toBe("snippet.ts:2:16");
    expect(await status(section)).toMatch(/^SyntaxError at line 2, column 16: /);
    // the editor marks line 2, and says where and what
    const marked = section.locator(".cm-line.msi-cm-error");
    expect(await marked.count()).toBe(1);
    expect(await marked.textContent()).toBe("console.log(a +);");
    expect(await marked.getAttribute("title")).toMatch(/^SyntaxError at line 2, column 16: /);
    // "Show line 2" puts the caret there, in the focused editor
    await section.locator("[data-runner-error] button").click();
    await expect.poll(() => focused(editorInput(section))).toBe(true);
    expect(await editorCaret(section)).toBe("const a: number = 1;\n".length + 15);
    // an edit of that line takes the mark away
    await page.keyboard.type(" 1");
    expect(await marked.count()).toBe(0);
    await page.close();
  });

  test("a runtime error comes back with its line and column, after the output so far", async () => {
    const page = await open();
    const [first] = await snippets(page);
    const section = page.locator(`#${first.id}`);
    await fillEditor(section, 'console.log("before");\nconst o: any = null;\n  o.field;\n');
    await section.locator("[data-action=run]").click();
    expect(await result(section)).toBe("error");
    expect(await output(section)).toBe("before");
    expect(await section.locator("[data-runner-error] .msi-runner__pos").textContent()).toBe("snippet.ts:3:5");
    expect(await status(section)).toMatch(/^TypeError at line 3, column 5: /);
    await page.close();
  });
});

test("an endless loop is stopped after the time budget, keeping what it printed first; the page keeps answering; the next Run works", async () => {
  const page = await open();
  const [first, second] = await snippets(page);
  const section = page.locator(`#${first.id}`);
  await fillEditor(section, 'console.log("before the loop");\nwhile (true) {}\n');
  const started = Date.now();
  await section.locator("[data-action=run]").click();
  await expect.poll(() => section.locator("[data-runner]").getAttribute("data-result")).toBe("running");
  // The main thread answers while the worker spins.
  for (let i = 0; i < 5; i++) {
    const t0 = Date.now();
    expect(await page.evaluate(() => document.querySelectorAll("section.msi-snippet").length)).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(500);
    await page.waitForTimeout(200);
  }
  // Other controls still work during the loop.
  await page.locator(`#${second.id} [data-action=edit]`).click();
  await editorInput(page.locator(`#${second.id}`)).waitFor();
  await expect.poll(() => focused(editorInput(page.locator(`#${second.id}`)))).toBe(true);
  expect(await section.locator("[data-runner]").getAttribute("data-result")).toBe("running");

  expect(await result(section, 15_000)).toBe("timeout");
  expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
  expect(await status(section)).toContain("ran longer than 3 s");
  // The worker was terminated, so the line came to the page as it was printed.
  expect(await output(section)).toContain("before the loop");

  await section.locator("[data-action=reset]").click();
  await section.locator("[data-action=run]").click();
  expect(await result(section)).toBe("match");
  await page.close();
});

test("nothing of the runner loads before interaction; hovering a snippet loads it", async () => {
  const page = await browser.context.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.goto(`${inject("baseUrl")}${PAGE}`, { waitUntil: "networkidle" });
  await page.waitForTimeout(1000);
  const lazy = (p: string) => /\/_astro\/(runner|worker|compile)[.-]/.test(p) || p.startsWith("/snippets/");
  expect(requests.filter(lazy)).toEqual([]);
  // the controls are there (the bootstrap revealed them)
  const [first] = await snippets(page);
  expect(await page.locator(`#${first.id} [data-action=run]`).isVisible()).toBe(true);
  await page.locator(`#${first.id}`).hover();
  await expect.poll(() => requests.filter(lazy).length).toBeGreaterThan(0);
  await expect.poll(() => requests.some((p) => /\/_astro\/worker-/.test(p))).toBe(true);
  // sucrase (the compile chunk) waits for the first edited Run
  await page.locator(`#${first.id} [data-action=run]`).click();
  expect(await result(page.locator(`#${first.id}`))).toBe("match");
  expect(requests.some((p) => /\/_astro\/compile-/.test(p))).toBe(false);
  await page.close();
});

describe("the code editor loads on Edit only", () => {
  /** Scripts the page received, each marked when it holds CodeMirror (its view's base theme). */
  function recordScripts(page: Page) {
    const scripts: { path: string; codemirror: boolean }[] = [];
    page.on("response", async (r) => {
      if (r.request().resourceType() !== "script") return;
      const body = await r.text().catch(() => "");
      scripts.push({ path: new URL(r.url()).pathname, codemirror: body.includes(".cm-gutters") });
    });
    return scripts;
  }

  test("reading, hovering and running download none of CodeMirror; Edit downloads its chunk", async () => {
    const page = await browser.context.newPage();
    const scripts = recordScripts(page);
    await page.goto(`${inject("baseUrl")}${PAGE}`, { waitUntil: "networkidle" });
    const [first] = await snippets(page);
    const section = page.locator(`#${first.id}`);
    await section.hover();
    await section.locator("[data-action=run]").click();
    expect(await result(section)).toBe("match");
    // the run's pictures (their own chunks) are drawn before Edit
    await page.locator("figure[data-picture-for][data-picture-live]").first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.codemirror)).toEqual([]);
    const before = scripts.length;
    await section.locator("[data-action=edit]").click();
    await editorInput(section).waitFor();
    await page.waitForLoadState("networkidle");
    const loaded = scripts.slice(before);
    expect(loaded.filter((s) => s.codemirror).map((s) => s.path)).toEqual([
      expect.stringMatching(/\/_astro\/codemirror\.[\w-]+\.js$/),
    ]);
    // and nothing else came with it
    expect(loaded.map((s) => s.path)).toEqual([expect.stringMatching(/\/_astro\/codemirror\./)]);
    await page.close();
  });

  test("when the editor's chunk cannot load, Edit opens the plain edit box with the code, and says so", async () => {
    const page = await browser.context.newPage();
    await page.route(/\/_astro\/codemirror\.[\w-]+\.js$/, (route) => route.abort("internetdisconnected"));
    await page.goto(`${inject("baseUrl")}${PAGE}`, { waitUntil: "networkidle" });
    const [first] = await snippets(page);
    const section = page.locator(`#${first.id}`);
    await section.locator("[data-action=edit]").click();
    const plain = section.locator("textarea[data-editor=textarea]");
    await plain.waitFor();
    await expect.poll(() => focused(plain)).toBe(true);
    expect(await status(section)).toMatch(
      /^The code editor could not be loaded \(.+\), so this is a plain edit box with the same code\./,
    );
    // the snippet's own code, as its data file has it
    const json = (await section.locator("[data-runner]").getAttribute("data-json")) ?? "";
    const body = await page.evaluate(async (u) => (await (await fetch(u)).json()).body as string, json);
    expect(await plain.inputValue()).toBe(body);
    await plain.press("ControlOrMeta+End");
    await page.keyboard.type('\nconsole.log("offline edit");');
    await page.keyboard.press("ControlOrMeta+Enter");
    expect(await result(section)).toBe("differs");
    expect(await output(section)).toContain("offline edit");
    await page.close();
  });
});

test("with JavaScript disabled the expected outputs are readable and no dead controls show", async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await noJs.context.newPage();
    await page.goto(`${inject("baseUrl")}${PAGE}`);
    const found = await snippets(page);
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) {
      for (const profile of s.profiles) {
        const pre = page.locator(`#${s.id} figure.msi-snippet__output[data-profile="${profile}"] pre`);
        expect(await pre.isVisible()).toBe(true);
        expect((await pre.textContent())?.trim().length).toBeGreaterThan(0);
      }
      expect(await page.locator(`#${s.id} [data-action=run]`).isVisible()).toBe(false);
    }
  } finally {
    await noJs.close();
  }
});

describe.each(["light", "dark"] as const)("axe-core (%s theme)", (theme) => {
  test("finds no violations before and after running, editing and a diff", async () => {
    const themed = await launch({ colorScheme: theme });
    try {
      const page = await open(themed, theme);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      // The whole page, Starlight's search included (axe.ts sets aside one known finding).
      const axe = () => axeViolations(page);
      expect(await axe()).toEqual([]);
      const found = await snippets(page);
      // run every snippet, then edit the first into a diff and a second into an error
      for (const s of found) {
        await page.locator(`#${s.id} [data-action=run]`).click();
        await result(page.locator(`#${s.id}`));
      }
      const first = page.locator(`#${found[0].id}`);
      await first.locator("[data-action=edit]").click();
      await editorInput(first).press("ControlOrMeta+End");
      await page.keyboard.type('\nconsole.log("extra");');
      await first.locator("[data-action=run]").click();
      expect(await result(first)).toBe("differs");
      if (found[1]) {
        const second = page.locator(`#${found[1].id}`);
        await fillEditor(second, "const x = ;\n");
        await second.locator("[data-action=run]").click();
        expect(await result(second)).toBe("error");
      }
      await page.mouse.move(0, 0);
      expect(await axe()).toEqual([]);
    } finally {
      await themed.close();
    }
  });
});
