/**
 * The lab page (/the-bug/lab/) in Chromium: the seed scenario built by clicking, undo, the
 * history, the profile switch replaying the same actions, a shared link replaying, tampered
 * links failing cleanly, the page at 390 px, and axe-core at 1280 and 390 px in both themes.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { shareLink } from "../../src/runner/client/share";
import { type Browser, launch } from "./browser";
import { editorInput, editorValue, fillEditor } from "./edit-run";

const PAGE = "/the-bug/lab/";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function open(query = "", b: Browser = browser, theme?: "light" | "dark"): Promise<Page> {
  const page = await b.context.newPage();
  if (theme) await page.addInitScript((t) => localStorage.setItem("starlight-theme", t), theme);
  await page.goto(`${inject("baseUrl")}${PAGE}${query}`, { waitUntil: "networkidle" });
  await settled(page);
  return page;
}

/** Waits until the lab is not busy and shows `steps` steps (when given). */
async function settled(page: Page, steps?: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector<HTMLElement>("[data-lab]");
      if (!root || root.hidden || root.getAttribute("aria-busy") !== "false") return false;
      return n === null || root.dataset.labSteps === String(n);
    },
    steps ?? null,
    { timeout: 20_000 },
  );
}

const lab = (page: Page) => page.locator("[data-lab]");
const status = (page: Page) => page.locator("[data-lab-status]").textContent();
const log = (page: Page) => page.locator("[data-lab-log]").textContent();
const button = (page: Page, kind: string) => page.locator(`[data-lab-action="${kind}"]`);

/** Clicks an action (with its number) and waits for the step to be drawn. */
async function act(page: Page, kind: string, n?: number): Promise<void> {
  if (n !== undefined) await page.locator(`[data-lab-n="${kind}"]`).fill(String(n));
  const before = Number(await lab(page).getAttribute("data-lab-steps"));
  await button(page, kind).click();
  await settled(page, before + 1);
}

async function seed(page: Page): Promise<void> {
  await act(page, "open");
  await act(page, "enable");
  for (const k of [0, 1, 7]) await act(page, "use", k);
  await act(page, "shutdown");
  await act(page, "firmware", 64);
  await act(page, "open");
  await act(page, "enable");
  await act(page, "use", 8);
}

/** Picks `value` for one dimension and waits until the lab shows `profile` (the model's name). */
async function pick(page: Page, dimension: string, value: string, profile: string): Promise<void> {
  await page.locator(`[data-lab-dimension="${dimension}"]`).selectOption(value);
  await page.waitForFunction(
    (p) => document.querySelector<HTMLElement>("[data-lab]")?.dataset.labProfile === p,
    profile,
  );
  await settled(page);
}

const pickKernel = (page: Page, kernel: string) => pick(page, "kernel", kernel, kernel);

/** The text of the timeline's drawing, a list of the last action's calls, in order. */
const timelineText = async (page: Page) =>
  (await page.locator('[data-lab-picture="timeline"] [data-picture-drawing]').textContent()) ?? "";

test("the seed scenario, clicked, fails with -ERANGE on v6.5 and not on v6.5+fix", async () => {
  const page = await open();
  expect(await lab(page).getAttribute("data-lab-profile")).toBe("v6.5");
  await seed(page);
  expect(await status(page)).toContain("guest uses vector 8 -34 ERANGE");
  expect(await log(page)).toMatch(/guest uses vector 8 +-34 ERANGE\n +QEMU: /);
  // the pictures were drawn from this run: the state view has a step per action plus the bind
  expect(await page.locator('[data-lab-picture="state"] [data-picture-drawing]').textContent()).toContain("vfio_msix");
  expect(await page.locator('[data-lab-picture="timeline"] ol.msi-pic__calls li.msi-pic__row').count()).toBeGreaterThan(
    0,
  );
  await pickKernel(page, "v6.5+fix");
  expect(await lab(page).getAttribute("data-lab-steps")).toBe("10");
  expect(await log(page)).toMatch(/guest uses vector 8 +0\n?/);
  expect(await log(page)).not.toContain("ERANGE");
  // the copied code names the profile and the public API only
  const code = (await page.locator("[data-lab-code]").textContent()) ?? "";
  expect(code).toContain('createHost({ kernel: "v6.5+fix" })');
  expect(code).toContain('from "msi-lifecycle"');
  await page.close();
});

test("QEMU 8.1 on v6.5 fails on the enable path, as reported; QEMU 10.1 on the dynamic path", async () => {
  const page = await open();
  const labels = await page.locator(".msi-lab__pick > span").allTextContents();
  expect(labels).toEqual(["Kernel", "QEMU", "Platform"]);
  await pick(page, "qemu", "8.1", "v6.5/qemu-8.1");
  await seed(page);
  expect(await status(page)).toContain("guest uses vector 8 -34 ERANGE");
  const enable = await timelineText(page);
  expect(enable).toMatch(/vfio_msi_enable[\s\S]*msix_capability_init[\s\S]*msix_setup_msi_descs[\s\S]*msi_insert_desc/);
  expect(enable).toMatch(/msi_insert_desc[^\n]*?(-34|ERANGE)/);
  expect(enable).not.toContain("pci_msix_alloc_irq_at");
  expect(decodeURIComponent(page.url())).toContain("?profile=v6.5/qemu-8.1&actions=open,enable,");
  const code = (await page.locator("[data-lab-code]").textContent()) ?? "";
  expect(code).toContain('createHost({ kernel: "v6.5", qemu: "8.1" })');
  expect(code).toContain("// Output (v6.5/qemu-8.1):");
  await pick(page, "qemu", "10.1", "v6.5");
  expect(await lab(page).getAttribute("data-lab-steps")).toBe("10");
  const dynamic = await timelineText(page);
  expect(dynamic).toMatch(/pci_msix_alloc_irq_at[\s\S]*msi_domain_alloc_irq_at[\s\S]*msi_insert_desc/);
  expect(dynamic).not.toContain("msix_capability_init");
  await pick(page, "platform", "arm64", "v6.5/arm64");
  expect(await lab(page).getAttribute("data-lab-steps")).toBe("10");
  expect(await log(page)).not.toContain("ERANGE"); // no per-device domain on arm64 before v6.11
  await page.close();
});

test("impossible actions are disabled with the reason; undo and the history step back", async () => {
  const page = await open();
  expect(await button(page, "enable").getAttribute("aria-disabled")).toBe("true");
  expect(await page.locator('[data-lab-why="enable"]').textContent()).toBe(
    "Not possible: no VM is running: start one first.",
  );
  await button(page, "enable").click({ force: true }); // aria-disabled: it only says why
  expect(await status(page)).toBe("Not possible: no VM is running: start one first.");
  expect(await lab(page).getAttribute("data-lab-steps")).toBe("0");
  await act(page, "open");
  await act(page, "enable");
  await page.locator('[data-lab-n="use"]').fill("8");
  expect(await page.locator('[data-lab-why="use"]').textContent()).toBe(
    "Not possible: QEMU read 8 entries: the guest sees no vector 8.",
  );
  await act(page, "use", 3);
  await page.locator("[data-lab-undo]").click();
  await settled(page, 2);
  expect(await log(page)).not.toContain("vector 3");
  await page.locator('[data-lab-at="1"]').click();
  await settled(page, 1);
  expect(await page.locator('[data-lab-at="1"]').getAttribute("aria-current")).toBe("step");
  expect(await page.locator('[data-lab-at="2"]').count()).toBe(1); // the later step stays in the history
  await page.locator("[data-lab-reset]").click();
  await settled(page, 0);
  expect(page.url()).toMatch(/\?profile=v6\.5&actions=$/);
  await page.close();
});

test("a shared link replays the session exactly", async () => {
  const page = await open();
  await seed(page);
  const link = (await page.locator("[data-lab-link]").getAttribute("href")) ?? "";
  const first = await log(page);
  const again = await open(link.slice(link.indexOf("?")));
  expect(await lab(again).getAttribute("data-lab-steps")).toBe("10");
  expect(await log(again)).toBe(first);
  expect(await status(again)).toContain("Replayed 10 actions from the link on v6.5");
  await page.close();
  await again.close();
});

test("the explorer's counterexamples open in the lab and replay there", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${inject("baseUrl")}/the-bug/explored/`, { waitUntil: "networkidle" });
  const links = page.locator('a[href*="/the-bug/lab/?profile="]');
  expect(await links.count()).toBeGreaterThan(0);
  const href = (await links.first().getAttribute("href")) ?? "";
  const actions = new URLSearchParams(href.slice(href.indexOf("?") + 1)).get("actions")?.split(",") ?? [];
  await links.first().click();
  await settled(page, actions.length);
  expect(await status(page)).toContain(`Replayed ${actions.length} actions from the link`);
  await page.close();
});

describe("a shared snippet link", () => {
  async function firstSnippet() {
    const page = await browser.context.newPage();
    await page.goto(`${inject("baseUrl")}/`, { waitUntil: "networkidle" });
    const s = await page.$eval("section.msi-snippet", (el) => ({
      id: el.id,
      src: el.getAttribute("data-snippet") ?? "",
    }));
    await page.close();
    return s;
  }

  test("loads the code into the editor with a notice and runs it only on a click", async () => {
    const { id, src } = await firstSnippet();
    const code = 'import { KERNEL } from "msi-lifecycle";\nconsole.log("from a link on", KERNEL);\n';
    const link = shareLink(`${inject("baseUrl")}/`, id, src, "v6.5+fix", code);
    const page = await browser.context.newPage();
    await page.goto(link, { waitUntil: "networkidle" });
    const section = page.locator(`#${id}`);
    await section.locator('[data-runner][data-shared="loaded"]').waitFor({ timeout: 20_000 });
    await editorInput(section).waitFor();
    expect(await editorValue(section)).toBe(code);
    expect(await section.locator("[data-runner-status]").textContent()).toContain("came from a link and has not run");
    await page.waitForTimeout(500);
    expect(await section.locator("[data-runner]").getAttribute("data-result")).toBeNull();
    expect(await section.locator("[data-runner-result]").isHidden()).toBe(true);
    await section.locator("[data-action=run]").click();
    await page.waitForFunction((sel) => {
      const r = document.querySelector<HTMLElement>(sel)?.dataset.result;
      return r !== undefined && r !== "running";
    }, `#${id} [data-runner]`);
    // the link's profile was selected, so KERNEL is v6.5+fix in the run
    expect(await section.locator("[data-runner-output]").textContent()).toBe("from a link on v6.5+fix");
    await section.locator("[data-action=reset]").click();
    await page.waitForFunction(() => !location.search.includes("snippet="));
    expect(await section.locator("[data-editor]").count()).toBe(0);
    await page.close();
  });

  test("a link whose code does not decode says so and keeps the published snippet", async () => {
    const { id, src } = await firstSnippet();
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${inject("baseUrl")}/?snippet=${encodeURIComponent(src)}&profile=v6.5&code=%25%25garbage#${id}`);
    const section = page.locator(`#${id}`);
    await section.locator('[data-runner][data-shared="error"]').waitFor({ timeout: 20_000 });
    expect(await section.locator("[data-runner-status]").textContent()).toContain("could not be decoded");
    expect(await section.locator("[data-editor]").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("Share puts the edited code in the address bar", async () => {
    const { id } = await firstSnippet();
    const page = await browser.context.newPage();
    await page.goto(`${inject("baseUrl")}/`, { waitUntil: "networkidle" });
    const section = page.locator(`#${id}`);
    await fillEditor(section, "console.log(42);\n");
    await section.locator("[data-action=share]").click();
    await page.waitForFunction(() => location.search.includes("code="));
    const again = await browser.context.newPage();
    await again.goto(page.url(), { waitUntil: "networkidle" });
    await again.locator(`#${id} [data-runner][data-shared="loaded"]`).waitFor({ timeout: 20_000 });
    await editorInput(again.locator(`#${id}`)).waitFor();
    expect(await editorValue(again.locator(`#${id}`))).toBe("console.log(42);\n");
    await page.close();
    await again.close();
  });
});

test("a link that only names a profile opens the lab on that profile, with no steps and no complaint", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${inject("baseUrl")}${PAGE}?profile=v6.18/qemu-8.2/arm64`, { waitUntil: "networkidle" });
  await settled(page);
  expect(await lab(page).getAttribute("data-lab-profile")).toBe("v6.18/qemu-8.2/arm64");
  expect(await page.locator('[data-lab-dimension="kernel"]').inputValue()).toBe("v6.18");
  expect(await page.locator('[data-lab-dimension="qemu"]').inputValue()).toBe("8.2");
  expect(await page.locator('[data-lab-dimension="platform"]').inputValue()).toBe("arm64");
  expect(await lab(page).getAttribute("data-lab-steps")).toBe("0");
  expect(await status(page)).not.toContain("does not hold a lab session");
  await act(page, "open");
  await page.close();
});

describe("tampered links fail cleanly, with an empty lab", () => {
  test.each([
    ["?profile=v9&actions=open", "kernel “v9”"],
    ["?profile=v6.5/qemu-9.0&actions=open", "QEMU “9.0”, which the model does not have (it has 8.1, 8.2, 10.1)"],
    ["?profile=v6.5&actions=open,rm+-rf", "“rm -rf”, is not an action of the lab"],
    ["?profile=v6.5&actions=open,use+3", "Step 2 (“the guest unmasks vector 3”) is not possible there"],
    ["?profile=v6.5&actions=open&js=alert(1)", "parts the lab does not know"],
  ])("%s", async (query, message) => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${inject("baseUrl")}${PAGE}${query}`, { waitUntil: "networkidle" });
    await settled(page);
    expect(await status(page)).toContain(message);
    expect(await status(page)).toContain("starts empty");
    expect(await lab(page).getAttribute("data-lab-steps")).toBe("0");
    // nothing is lost: the refused link stays in the address bar as it was given
    expect(new URL(page.url()).search).toBe(query);
    expect(await button(page, "open").getAttribute("aria-disabled")).toBe("false");
    expect(errors).toEqual([]);
    await page.close();
  });
});

test("without JavaScript the page explains the lab and shows no dead controls", async () => {
  const noJs = await launch({ javaScriptEnabled: false });
  try {
    const page = await noJs.context.newPage();
    await page.goto(`${inject("baseUrl")}${PAGE}`);
    expect(await page.locator("[data-lab-nojs]").isVisible()).toBe(true);
    expect(await page.locator("[data-lab]").isVisible()).toBe(false);
    expect(await page.locator("main").textContent()).toContain("Set the Table Size to n");
  } finally {
    await noJs.close();
  }
});

describe.each(["light", "dark"] as const)("axe-core (%s theme)", (theme) => {
  test.each([1280, 390])("no violations at %i px, at the start and after the seed scenario", async (width) => {
    const themed = await launch({ colorScheme: theme, viewport: { width, height: 900 } });
    try {
      const page = await open("", themed, theme);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      // The page's content security policy refuses an injected <script>; DevTools evaluation is not subject to it.
      await page.evaluate(readFileSync(AXE, "utf8"));
      const axe = () =>
        page.evaluate(async () => {
          // Starlight's search button trips label-content-name-mismatch on every page (see runner.test.ts).
          const r = await (
            window as unknown as {
              axe: { run: (c: unknown) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
            }
          ).axe.run({ exclude: [["site-search"]] });
          return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        });
      expect(await axe()).toEqual([]);
      await seed(page);
      await page.mouse.move(0, 0);
      expect(await axe()).toEqual([]);
      // at 390 px the page itself does not scroll sideways
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await themed.close();
    }
  });
});
