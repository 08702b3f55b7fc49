/**
 * Edited snippet code is untrusted input (issue 15). In Chromium, on the real
 * built overview page: an edited snippet cannot forge another run's result,
 * reach the network or the origin's storage, run script in the page through
 * the pictures, freeze the page with output, or leave a dead worker behind;
 * its async work is collected until it settles. The worker runs here under no
 * content security policy (astro preview serves no headers): what holds is the
 * worker's own lockdown. tests/e2e/csp.test.ts runs it under the served headers.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";

let browser: Browser;
/** A server on another origin that counts every request that reaches it. */
let bait: Server;
let baitHits: string[] = [];
let baitOrigin = "";

beforeAll(async () => {
  browser = await launch();
  bait = createServer((req, res) => {
    baitHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "text/javascript" });
    res.end("self.leaked = true;");
  });
  await new Promise<void>((r) => bait.listen(0, "127.0.0.1", r));
  baitOrigin = `http://127.0.0.1:${(bait.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => bait?.close(r));
});

async function open(path = "/", init?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.context.newPage();
  await init?.(page);
  await page.goto(`${inject("baseUrl")}${path}`, { waitUntil: "networkidle" });
  return page;
}

/** The first snippet section on the page, or the one whose `data-snippet` is `src`. */
function snippet(page: Page, src?: string): Locator {
  return src ? page.locator(`section.msi-snippet[data-snippet="${src}"]`) : page.locator("section.msi-snippet").first();
}

/** Waits until the snippet's run has finished and returns its result kind. */
async function result(section: Locator, timeout = 15_000): Promise<string> {
  const runner = section.locator("[data-runner]");
  await expect
    .poll(async () => (await runner.getAttribute("data-result")) ?? "", { timeout, interval: 25 })
    .toMatch(/^(match|differs|error|timeout|ran)$/);
  return (await runner.getAttribute("data-result")) ?? "";
}

/** Opens the editor of `section`, replaces its code and runs it; returns the result kind. */
async function runEdited(section: Locator, code: string, timeout?: number): Promise<string> {
  if ((await section.locator("textarea").count()) === 0) await section.locator("[data-action=edit]").click();
  await section.locator("textarea").fill(code);
  await section.locator("[data-action=run]").click();
  return result(section, timeout);
}

const output = async (section: Locator) => (await section.locator("[data-runner-output]").textContent()) ?? "";
const status = async (section: Locator) => (await section.locator("[data-runner-status]").textContent()) ?? "";

describe("forged results", () => {
  test("an edited run that replaces onmessage and postMessage cannot answer for a later unedited Run", async () => {
    const page = await open();
    const section = snippet(page);
    // Everything a snippet could do to the worker it runs in, to answer the next run itself.
    const forge = `
      const g: any = globalThis;
      const forged = (data: any) => ({ ...data, type: "done", ms: 1, output: "FORGED", hosts: [] });
      const send = g.postMessage?.bind(g);
      const tryIt = (what: string, f: () => void) => { try { f(); console.log(what, "done"); } catch (e) { console.log(what, "refused:", (e as Error).message); } };
      tryIt("onmessage", () => { g.onmessage = (e: MessageEvent) => { send?.({ ...e.data, type: "started" }); send?.(forged(e.data)); }; });
      tryIt("listener", () => g.addEventListener("message", (e: MessageEvent) => { e.stopImmediatePropagation(); send?.(forged(e.data)); }, true));
      tryIt("guess", () => { for (let id = 0; id < 50; id++) send?.(forged({ id, token: String(id) })); });
      console.log("edited run finished");
    `;
    expect(await runEdited(section, forge)).toBe("differs");
    expect(await output(section)).toContain("edited run finished");
    await section.locator("[data-action=reset]").click();
    await section.locator("[data-action=run]").click();
    expect(await result(section), await status(section)).toBe("match");
    expect(await output(section)).not.toContain("FORGED");
    await page.close();
  });
});

/** Each way out of the box, tried from an edited snippet; `reached` when it did not throw. */
function networkProbe(origin: string): string {
  return `
const url = "${origin}/probe";
const g: any = globalThis;
const same = g.location.origin + "/probe-same-origin";
const tries: [string, () => unknown][] = [
  ["fetch", () => fetch(url)],
  ["fetch to the page's origin", () => fetch(same)],
  ["XMLHttpRequest", () => { const x = new XMLHttpRequest(); x.open("GET", url, false); x.send(); }],
  ["WebSocket", () => new WebSocket("${origin.replace("http", "ws")}/ws")],
  ["EventSource", () => new EventSource(url)],
  ["EventSource to the page's origin", () => new EventSource(same)],
  ["importScripts", () => g.importScripts(url)],
  ["Worker", () => new Worker(url)],
  ["SharedWorker", () => new g.SharedWorker(url)],
  ["indexedDB", () => indexedDB.open("snippet")],
  ["caches", () => caches.open("snippet")],
  ["BroadcastChannel", () => new BroadcastChannel("snippet")],
  ["WebTransport", () => new g.WebTransport("https://127.0.0.1:1/")],
  ["navigator.storage", () => g.navigator.storage.getDirectory()],
  ["prototype fetch", () => Object.getOwnPropertyDescriptor(g.WorkerGlobalScope.prototype, "fetch")!.value.call(g, url)],
  ["prototype indexedDB", () => Object.getOwnPropertyDescriptor(g.WorkerGlobalScope.prototype, "indexedDB")!.get!.call(g)],
  ["eval", () => eval("fetch(url)")],
  ["Function", () => Function("return fetch")()(url)],
  ["Function via prototype", () => (function () {}).constructor("return fetch")()(url)],
  ["AsyncFunction", () => (async () => {}).constructor("return fetch")()],
  ["GeneratorFunction", () => (function* () {}).constructor("yield 1")().next()],
  ["setTimeout with a string", () => setTimeout("fetch(url)", 0)],
  ["setInterval with a string", () => setInterval("fetch(url)", 0)],
];
for (const [name, attempt] of tries) {
  try {
    const r: any = attempt();
    if (r && typeof r.then === "function") await r;
    console.log(name + ": reached");
  } catch (e) {
    console.log(name + ": " + (e as Error).message);
  }
}
`;
}

describe("network and storage", () => {
  test("every network and storage API gets a clear error naming it, and no request leaves the page", async () => {
    baitHits = [];
    const page = await open();
    const section = snippet(page);
    await section.locator("[data-action=edit]").click();
    await section.locator("textarea").waitFor();
    // From here on, the page itself has nothing left to load: every request is the snippet's.
    await page.waitForLoadState("networkidle");
    const requests: string[] = [];
    const workerPolicies: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.context().on("request", (r) => requests.push(r.url()));
    page.on("response", (r) => {
      if (/\/_astro\/worker-[^/]*\.js$/.test(r.url()))
        workerPolicies.push(r.headers()["content-security-policy"] ?? "");
    });
    expect(await runEdited(section, networkProbe(baitOrigin))).toBe("differs");
    const lines = (await output(section)).split("\n");
    const names =
      networkProbe("")
        .match(/^ {2}\["([^"]+)"/gm)
        ?.map((m) => m.slice(4, -1)) ?? [];
    expect(lines).toHaveLength(names.length);
    for (const [i, name] of names.entries()) {
      expect(lines[i], lines[i]).toMatch(new RegExp(`^${name}: `));
      expect(lines[i]).not.toMatch(/reached$/);
    }
    // Each refusal names the API it refused.
    for (const api of [
      "fetch",
      "XMLHttpRequest",
      "WebSocket",
      "EventSource",
      "importScripts",
      "Worker",
      "SharedWorker",
    ]) {
      expect(lines.find((l) => l.startsWith(`${api}: `))).toContain(`${api} is blocked`);
    }
    for (const api of ["indexedDB", "caches", "BroadcastChannel", "WebTransport", "navigator.storage"]) {
      expect(lines.find((l) => l.startsWith(`${api}: `))).toContain(`${api} is blocked`);
    }
    expect(lines.find((l) => l.startsWith("eval: "))).toContain("eval is blocked");
    expect(lines.find((l) => l.startsWith("Function: "))).toContain("Function is blocked");
    expect(lines.find((l) => l.startsWith("setTimeout with a string: "))).toContain("setTimeout with a string");
    await page.waitForTimeout(500);
    expect(baitHits).toEqual([]);
    // What did load is the runner's own: a fresh worker for the edit, its code and its compiler.
    const base = inject("baseUrl");
    const others = requests.filter((u) => !(u.startsWith(`${base}/_astro/`) && u.endsWith(".js")));
    expect(others).toEqual([]);
    // And the worker ran under no content security policy at all (astro preview serves no
    // headers, and a worker does not inherit the page's <meta> policy): the lockdown alone held.
    expect(workerPolicies.length).toBeGreaterThan(0);
    expect(workerPolicies.filter((p) => p !== "")).toEqual([]);
    await page.close();
  });

  test("a dynamic import() is refused before the code runs, with its line and column", async () => {
    baitHits = [];
    const page = await open();
    const section = snippet(page);
    expect(await runEdited(section, `console.log("not run");\nconst m = await import("${baitOrigin}/m.js");\n`)).toBe(
      "error",
    );
    expect(await output(section)).toBe("(no output)");
    expect(await status(section)).toMatch(/^Error at line 2, column 17: import\(\) is blocked/);
    expect(baitHits).toEqual([]);
    await page.close();
  });
});

test("a snippet changing its host's trace cannot run script in the page through the pictures", async () => {
  const SEED = "start/overview/seed-scenario";
  const page = await open();
  const section = snippet(page, SEED);
  await section.locator("[data-action=edit]").click();
  const editor = section.locator("textarea");
  const body = await editor.inputValue();
  const markup = `<img src=x onerror="document.documentElement.dataset.pwned='1'">`;
  const attack = `${body}
for (const e of host.trace) if (e.state) (e.state as any).tableSize = ${JSON.stringify(markup)};
const forged = host.trace.map((e: any) => (e.state ? { ...e, fn: ${JSON.stringify(markup)}, state: { ...e.state, tableSize: ${JSON.stringify(markup)} } } : e));
Object.defineProperty(host, "trace", { get: () => forged });
`;
  await editor.fill(attack);
  await section.locator("[data-action=run]").click();
  await result(section);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => document.documentElement.dataset.pwned)).toBeUndefined();
  expect(await page.locator(`figure[data-picture-for="${SEED}"] img`).count()).toBe(0);
  await page.close();
});

/** Records every long task (over 50 ms) from the start of the page. */
async function observeLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

/** Forgets the long tasks so far. */
async function resetLongTasks(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { longTasks: number[] }).longTasks = [];
  });
}

describe("output floods", () => {
  test.each([100_000, 1_000_000])("%i printed lines: capped, counted, and no long task over 200 ms", async (n) => {
    const page = await open("/", observeLongTasks);
    const section = snippet(page);
    // A first edited run, so that what the page does once (loading the runner and the compiler,
    // drawing the result box the first time) is not counted against the flood.
    expect(await runEdited(section, `console.log("warm");\n`)).toBe("differs");
    await resetLongTasks(page);
    const kind = await runEdited(section, `for (let i = 0; i < ${n}; i++) console.log("line", i);\n`, 30_000);
    expect(kind).toBe("differs");
    const text = await output(section);
    expect(text.split("\n").length).toBeLessThan(1100);
    expect(text).toMatch(/^line 0\nline 1\n/);
    expect(await section.locator("[data-runner-dropped]").textContent()).toMatch(
      new RegExp(`${(n - 1000).toLocaleString("en-US")} more lines were not kept`),
    );
    expect(await section.locator("[data-runner-diff] .msi-runner__d").count()).toBeLessThan(300);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`${n} lines: long tasks (ms) ${JSON.stringify(longTasks.map(Math.round))}`);
    expect(Math.max(0, ...longTasks)).toBeLessThan(200);
    await page.close();
  });
});

test("a snippet that makes 40,000 trace entries: the page refuses to draw them and stays responsive", async () => {
  const SEED = "start/overview/seed-scenario";
  const page = await open("/", observeLongTasks);
  const section = snippet(page, SEED);
  expect(await runEdited(section, `console.log("warm");\n`)).toBe("differs");
  await resetLongTasks(page);
  const code = `import { createHost, KERNEL } from "msi-lifecycle";
const host = createHost({ kernel: KERNEL });
const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
for (let i = 0; i < 4000; i++) { vf.bind("vfio-pci"); vf.unbind(); }
console.log("done");
`;
  expect(await runEdited(section, code, 30_000)).toBe("differs");
  const figure = page.locator(`figure[data-picture-for="${SEED}"]`);
  await expect.poll(() => figure.locator("[data-picture-live]").textContent()).toMatch(/Not re-drawn/);
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(`40,000 trace entries: long tasks (ms) ${JSON.stringify(longTasks.map(Math.round))}`);
  expect(Math.max(0, ...longTasks)).toBeLessThan(200);
  await page.close();
});

describe("async work", () => {
  test("output from promises and timers is collected until the work settles; top-level await works", async () => {
    const page = await open();
    const section = snippet(page);
    const code = `console.log("sync");
await new Promise((r) => setTimeout(r, 50));
console.log("after top-level await");
setTimeout(() => console.log("timer 300 ms"), 300);
Promise.resolve().then(() => console.log("microtask"));
queueMicrotask(() => console.log("queued"));
const id = setInterval(() => { console.log("tick"); if (++n === 2) clearInterval(id); }, 20);
let n = 0;
`;
    expect(await runEdited(section, code)).toBe("differs");
    expect((await output(section)).split("\n")).toEqual([
      "sync",
      "after top-level await",
      "microtask",
      "queued",
      "tick",
      "tick",
      "timer 300 ms",
    ]);
    await page.close();
  });

  test("a timer still pending when the budget ends stops the run, keeping the output so far", async () => {
    const page = await open();
    const section = snippet(page);
    const code = `console.log("before");\nsetInterval(() => {}, 100);\n`;
    expect(await runEdited(section, code)).toBe("timeout");
    expect(await output(section)).toBe("before");
    expect(await status(section)).toMatch(/still waiting.*1 timer/);
    await page.close();
  });

  test("an error in a timer callback names its line; V8-only syntax errors keep line and column", async () => {
    const page = await open();
    const section = snippet(page);
    expect(await runEdited(section, `setTimeout(() => {\n  const o: any = null;\n  o.x;\n}, 10);\n`)).toBe("error");
    expect(await status(section)).toMatch(/^TypeError at line 3, column 5: /);
    expect(await runEdited(section, `let a = 1;\nlet a = 2;\n`)).toBe("error");
    expect(await status(section)).toMatch(/^SyntaxError at line 2, column 5: /);
    await page.close();
  });
});

test("a snippet that closes its worker is reported at once, and the next Run works", async () => {
  const page = await open();
  const section = snippet(page);
  const t0 = Date.now();
  expect(await runEdited(section, `console.log("closing");\n(globalThis as any).close();\n`)).toBe("error");
  expect(Date.now() - t0).toBeLessThan(2500);
  expect(await status(section)).toMatch(/worker went away during the run/);
  await section.locator("[data-action=reset]").click();
  const t1 = Date.now();
  await section.locator("[data-action=run]").click();
  expect(await result(section)).toBe("match");
  expect(Date.now() - t1).toBeLessThan(5000);
  await page.close();
});
