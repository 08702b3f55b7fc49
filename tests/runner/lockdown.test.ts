/**
 * The worker's lockdown (lockdown.ts), on a stand-in of a worker's global object
 * (a prototype chain like DedicatedWorkerGlobalScope's) and on a fresh realm
 * (node:vm) for the string-to-code routes. tests/e2e/sandbox.test.ts proves the
 * same in Chromium's real worker.
 */
import vm from "node:vm";
import { describe, expect, test } from "vitest";
import { BLOCKED_GLOBALS, BLOCKED_NAVIGATOR, blockStringCode, lockdown } from "../../src/runner/lockdown";

/** A fresh realm with a worker-like global: fetch, indexedDB and friends on prototypes, as in a browser. */
function realm() {
  const context = vm.createContext({});
  const run = (code: string) => vm.runInContext(code, context);
  run(`
    class EventTarget {}
    class WorkerGlobalScope extends EventTarget {
      fetch(url) { return "fetched " + url; }
      importScripts() { return "imported"; }
      get indexedDB() { return { open: () => "opened" }; }
      get caches() { return { open: () => "opened" }; }
    }
    class DedicatedWorkerGlobalScope extends WorkerGlobalScope { postMessage() { return "posted"; } }
    class WorkerNavigator { get storage() { return { getDirectory: () => "opfs" }; } get locks() { return {}; } }
    globalThis.scope = new DedicatedWorkerGlobalScope();
    scope.XMLHttpRequest = class XMLHttpRequest {};
    scope.WebSocket = class WebSocket {};
    scope.Worker = class Worker {};
    scope.navigator = new WorkerNavigator();
    globalThis.WorkerGlobalScope = WorkerGlobalScope;
    globalThis.WorkerNavigator = WorkerNavigator;
    globalThis.constructors = [Function, (async () => {}).constructor, function* () {}.constructor, async function* () {}.constructor];
  `);
  return { run, scope: run("scope") as Record<string, unknown>, constructors: run("constructors") };
}

/** What calling (or reading) `expr` in the realm threw, or "reached". */
function attempt(run: (code: string) => unknown, expr: string): string {
  try {
    run(`{ ${expr} }`); // a block: its declarations do not outlive the attempt
    return "reached";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("lockdown", () => {
  test("every blocked name throws an error naming it, on the global and through its prototypes", () => {
    const { run, scope, constructors } = realm();
    expect(run(`scope.fetch("x")`)).toBe("fetched x");
    lockdown(scope, constructors);
    for (const name of BLOCKED_GLOBALS) {
      const message = attempt(
        run,
        `const v = scope[${JSON.stringify(name)}]; typeof v === "function" ? new v("x") : v`,
      );
      expect(message, name).toMatch(new RegExp(`^${name} is blocked: `));
    }
    for (const name of BLOCKED_NAVIGATOR) {
      expect(attempt(run, `scope.navigator.${name}`)).toMatch(new RegExp(`^navigator.${name} is blocked: `));
    }
    expect(attempt(run, `scope.indexedDB.open("db")`)).toBe(
      "indexedDB is blocked: snippet code runs without network or storage access",
    );
    // Nothing is left on the prototypes to recover.
    expect(run(`Object.getOwnPropertyDescriptor(WorkerGlobalScope.prototype, "fetch")`)).toBeUndefined();
    expect(run(`Object.getOwnPropertyDescriptor(WorkerGlobalScope.prototype, "indexedDB")`)).toBeUndefined();
    expect(run(`Object.getOwnPropertyDescriptor(WorkerNavigator.prototype, "storage")`)).toBeUndefined();
    // The stand-ins cannot be deleted or replaced.
    expect(run(`delete scope.fetch`)).toBe(false);
    expect(attempt(run, `(() => { "use strict"; scope.fetch = () => "mine"; })()`)).toMatch(/read only|read-only/);
    expect(attempt(run, `Object.defineProperty(scope, "fetch", { value: () => 1 })`)).toMatch(/redefine/);
  });

  test("strings cannot become code: eval, Function and the constructors of every function kind", () => {
    const { run, constructors } = realm();
    expect(run(`eval("1 + 1")`)).toBe(2);
    blockStringCode(run("globalThis") as Record<string, unknown>, constructors);
    const routes = {
      "eval(s)": "eval is blocked",
      "(0, eval)(s)": "eval is blocked",
      "Function(s)": "Function is blocked",
      "new Function(s)": "Function is blocked",
      "(function () {}).constructor(s)": "Function is blocked",
      "Reflect.construct(Function, [s])": "Function is blocked",
      "(async () => {}).constructor(s)": "AsyncFunction is blocked",
      "(function* () {}).constructor(s)": "GeneratorFunction is blocked",
      "(async function* () {}).constructor(s)": "AsyncGeneratorFunction is blocked",
      "Object.getPrototypeOf(async () => {}).constructor(s)": "AsyncFunction is blocked",
    };
    for (const [expr, message] of Object.entries(routes)) {
      expect(attempt(run, `const s = "return 1"; ${expr}`), expr).toMatch(new RegExp(`^${message}: `));
    }
    // Functions still are functions.
    expect(run(`(() => 1) instanceof Function && (async () => {}) instanceof Function`)).toBe(true);
    expect(run(`typeof Function.prototype.call`)).toBe("function");
  });
});
