/**
 * The runner core with a snippet's async work (async-work.ts): output from
 * promises and timers is collected until the work settles, a top-level await
 * works, and the budget covers the async work. Run in-process here, with the
 * environment's real timers; the page's worker and the Node runner's thread use
 * the same core.
 */
import * as model from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { type Evaluate, type RunResult, runSnippet } from "../../src/runner/execute";

// biome-ignore lint/security/noGlobalEval: the test evaluates compiled test snippets, as the worker does
const indirectEval = eval;
const evaluate: Evaluate = (js, invoke) => invoke(indirectEval(js));
const clock = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout,
  now: () => performance.now(),
};

function run(code: string, budgetMs = 1000): Promise<RunResult> {
  return runSnippet(code, { model, profile: "v6.5", evaluate, budgetMs, clock });
}

describe("async work", () => {
  test("top-level await, promise callbacks, queueMicrotask, timers and intervals, in the order they run", async () => {
    const r = await run(`console.log("sync");
await new Promise((r) => setTimeout(r, 20));
console.log("after await");
setTimeout(() => console.log("timer 60"), 60);
Promise.resolve().then(() => console.log("microtask"));
queueMicrotask(() => console.log("queued"));
let n = 0;
const id = setInterval(() => { console.log("tick"); if (++n === 2) clearInterval(id); }, 10);
`);
    expect(r.error).toBeUndefined();
    expect(r.output.split("\n")).toEqual(["sync", "after await", "microtask", "queued", "tick", "tick", "timer 60"]);
  });

  test("work queued by a timer's callback is waited for too", async () => {
    const r = await run(
      `setTimeout(() => { setTimeout(() => console.log("nested"), 10); Promise.resolve().then(() => console.log("then")); }, 10);`,
    );
    expect(r.output).toBe("then\nnested");
  });

  test("a cleared timer is not waited for", async () => {
    const t0 = performance.now();
    const r = await run(
      `const id = setTimeout(() => console.log("never"), 5000);\nclearTimeout(id);\nconsole.log("done");`,
    );
    expect(r.error).toBeUndefined();
    expect(r.output).toBe("done");
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test("the budget covers async work: a pending interval stops the run with the output so far", async () => {
    const r = await run(`console.log("before");\nsetInterval(() => {}, 10);\n`, 200);
    expect(r.output).toBe("before");
    expect(r.error).toEqual({
      kind: "timeout",
      message: "Stopped: the snippet was still waiting for 1 timer when its 0.2 s ran out.",
    });
  });

  test("a top-level await on a promise nothing settles runs into the budget", async () => {
    const r = await run(`console.log("waiting");\nawait new Promise(() => {});\n`, 200);
    expect(r.output).toBe("waiting");
    expect(r.error?.message).toMatch(/still waiting for the top-level code's await/);
  });

  test("an error thrown in a timer callback ends the run with its snippet line and column", async () => {
    const r = await run(
      `console.log("a");\nsetTimeout(() => {\n  const o: any = null;\n  o.x;\n}, 10);\nsetTimeout(() => console.log("never"), 100);\n`,
    );
    expect(r.output).toBe("a");
    expect(r.error).toMatchObject({ kind: "runtime", line: 4, column: 5 });
    expect(r.error?.message).toMatch(/^TypeError: /);
  });

  test("a rejected top-level await is the run's error, with its line", async () => {
    const r = await run(`console.log("a");\nawait Promise.reject(new RangeError("no"));\n`);
    expect(r.output).toBe("a");
    expect(r.error).toMatchObject({ kind: "runtime", message: "RangeError: no", line: 2 });
  });

  test("a synchronous throw keeps its line and column, as before the wrapper was async", async () => {
    const r = await run(`console.log("before");\nconst o: any = null;\n  o.field;\n`);
    expect(r).toMatchObject({ output: "before", error: { kind: "runtime", line: 3, column: 5 } });
  });

  test("setTimeout and setInterval refuse a string, naming what they refused", async () => {
    const r = await run(`try { setTimeout("console.log(1)", 0); } catch (e) { console.log((e as Error).message); }
try { setInterval("1", 0); } catch (e) { console.log((e as Error).message); }`);
    expect(r.output).toBe(
      "setTimeout with a string is blocked: snippet code cannot turn a string into code at run time\n" +
        "setInterval with a string is blocked: snippet code cannot turn a string into code at run time",
    );
  });

  test("onLine hears each kept line while the run goes, in order, and none past the output cap", async () => {
    const heard: string[] = [];
    const r = await runSnippet(
      `console.log("a\\nb"); await null; console.log({ c: 1 }); for (let i = 0; i < 2000; i++) console.log(i);`,
      { model, profile: "v6.5", evaluate, budgetMs: 1000, clock, onLine: (line) => heard.push(line) },
    );
    expect(heard.slice(0, 3)).toEqual(["a", "b", "{ c: 1 }"]);
    expect(heard).toHaveLength(1000);
    expect(heard.join("\n")).toBe(r.output);
  });

  test("what a snippet prints after its run ended is not collected", async () => {
    // A promise the runner cannot see (resolved by a timer the snippet does not own) fires late.
    const late = globalThis as Record<string, unknown> as { lateTimer?: typeof setTimeout };
    late.lateTimer = setTimeout;
    const r = await run(`(globalThis as any).lateTimer(() => console.log("late"), 50);\nconsole.log("on time");`);
    delete late.lateTimer;
    expect(r.output).toBe("on time");
    await new Promise((r) => setTimeout(r, 80));
    expect(r.output).toBe("on time");
  });
});
