/**
 * Edited snippet code is untrusted input (issue 15). In Chromium, on the real
 * built overview page: an edited snippet cannot forge another run's result,
 * reach the network or the origin's storage, or run script in the page through
 * the pictures (runs.test.ts: floods, async work, dead workers). The worker runs here under no
 * content security policy (astro preview serves no headers): what holds is the
 * worker's own lockdown. tests/e2e/csp.test.ts runs it under the served headers.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type Browser, launch } from "./browser";
import {
  editorInput,
  editorValue,
  fillEditor,
  open as openWith,
  output,
  result,
  runEdited,
  snippet,
  status,
} from "./edit-run";

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

const open = (path = "/", init?: (page: Page) => Promise<void>) => openWith(browser, path, init);

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
    await editorInput(section).waitFor();
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
  await editorInput(section).waitFor();
  const body = await editorValue(section);
  const markup = `<img src=x onerror="document.documentElement.dataset.pwned='1'">`;
  const attack = `${body}
// Entries are frozen (the write throws); the forged getter below is the attack that gets through to the page.
try { for (const e of host.trace) if (e.state) (e.state as any).tableSize = ${JSON.stringify(markup)}; } catch {}
const forged = host.trace.map((e: any) => (e.state ? { ...e, fn: ${JSON.stringify(markup)}, state: { ...e.state, tableSize: ${JSON.stringify(markup)} } } : e));
Object.defineProperty(host, "trace", { get: () => forged });
`;
  await fillEditor(section, attack);
  await section.locator("[data-action=run]").click();
  await result(section);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => document.documentElement.dataset.pwned)).toBeUndefined();
  expect(await page.locator(`figure[data-picture-for="${SEED}"] img`).count()).toBe(0);
  await page.close();
});
