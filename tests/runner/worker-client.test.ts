import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import {
  LOAD_BUDGET_MS,
  randomToken,
  STOPPED,
  WorkerClient,
  type WorkerLike,
} from "../../src/runner/client/worker-client";
import { OUTPUT_LIMITS } from "../../src/runner/output";
import {
  type Hello,
  RUN_BUDGET_MS,
  RUN_GRACE_MS,
  type RunRequest,
  type WorkerMessage,
} from "../../src/runner/protocol";

/** A stand-in for the snippet worker: records requests, answers when told to. */
class FakeWorker implements WorkerLike {
  onmessage: Worker["onmessage"] = null;
  onerror: Worker["onerror"] = null;
  onmessageerror: Worker["onmessageerror"] = null;
  readonly requests: RunRequest[] = [];
  /** The life lock the page named in its hello. */
  lock?: string;
  terminated = false;

  constructor(readonly name: string) {}

  postMessage(message: RunRequest | Hello): void {
    if (this.terminated) throw new Error("posted to a terminated worker");
    if (message.type === "hello") this.lock = message.lock;
    else this.requests.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts `message` to the page. */
  say(message: WorkerMessage | Record<string, unknown>): void {
    this.onmessage?.call(this as unknown as Worker, { data: message } as MessageEvent<WorkerMessage>);
  }
  alive(): void {
    this.say({ type: "alive" });
  }
  started(token = this.last.token): void {
    this.say({ token, type: "started" });
  }
  done(output: string, token = this.last.token): void {
    this.say({ token, type: "done", ms: 2, output, hosts: [{ kernel: "v6.5", trace: [] }] });
  }
  fail(message: string): ErrorEvent {
    const event = { message, preventDefault: vi.fn() } as unknown as ErrorEvent;
    this.onerror?.call(this as unknown as Worker, event);
    return event;
  }
  get last(): RunRequest {
    return this.requests[this.requests.length - 1];
  }
}

let workers: FakeWorker[];
let client: WorkerClient;
/** The life locks the client watches, by worker name: resolve one to say that worker has gone. */
let lives: Map<string, () => void>;
const spawn = (name: string) => {
  const w = new FakeWorker(name);
  workers.push(w);
  return w;
};
const watch = (name: string) => new Promise<void>((resolve) => lives.set(name, resolve));
const make = (options: Partial<ConstructorParameters<typeof WorkerClient>[0]> = {}) =>
  new WorkerClient({ spawn, watch, ...options });

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  lives = new Map();
  client = make();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets queued promise callbacks run (the client starts a run on a microtask). */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe("WorkerClient", () => {
  test("warm() starts one worker ahead of the first run; published runs reuse it", async () => {
    client.warm();
    client.warm();
    expect(workers).toHaveLength(1);
    for (const output of ["one", "two"]) {
      const run = client.run({ profile: "v6.5", js: "js", mappings: "AAAA" });
      await settle();
      const { token, ...rest } = workers[0].last;
      expect(rest).toEqual({ type: "run", budgetMs: RUN_BUDGET_MS, profile: "v6.5", js: "js", mappings: "AAAA" });
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      workers[0].started();
      workers[0].done(output);
      await expect(run).resolves.toEqual({
        output,
        error: undefined,
        dropped: undefined,
        ms: 2,
        hosts: [{ kernel: "v6.5", trace: [] }],
      });
    }
    expect(workers).toHaveLength(1);
  });

  test("each run has its own random token", async () => {
    const tokens = new Set(Array.from({ length: 100 }, randomToken));
    expect(tokens.size).toBe(100);
    void client.run({ profile: "v6.5", js: "a" });
    await settle();
    workers[0].started();
    workers[0].done("a");
    void client.run({ profile: "v6.5", js: "b" });
    await settle();
    expect(workers[0].requests[0].token).not.toBe(workers[0].requests[1].token);
  });

  test("an edited run gets a worker of its own, which is terminated after it; the next run gets a fresh one", async () => {
    client.warm();
    workers[0].alive();
    const edited = client.run({ profile: "v6.5", code: "self.onmessage = null" });
    await settle();
    const tainted = workers[0];
    expect(tainted.last).toMatchObject({ type: "run", code: "self.onmessage = null" });
    tainted.started();
    tainted.done("edited");
    expect((await edited).output).toBe("edited");
    expect(tainted.terminated).toBe(true);
    // A fresh worker was started at once for what comes next.
    expect(workers).toHaveLength(2);
    const published = client.run({ profile: "v6.5", js: "js" });
    await settle();
    expect(tainted.requests).toHaveLength(1);
    workers[1].started();
    workers[1].done("real");
    expect((await published).output).toBe("real");
  });

  test("a message without the run's token is ignored, from the run's worker or another", async () => {
    const run = client.run({ profile: "v6.5", js: "js" });
    await settle();
    const w = workers[0];
    const token = w.last.token;
    w.say({ type: "done", ms: 1, output: "forged, no token", hosts: [] });
    w.say({ id: 1, type: "done", ms: 1, output: "forged, an old id", hosts: [] });
    w.done("forged, a guess", "0".repeat(32));
    w.started();
    w.done("mine", token);
    expect((await run).output).toBe("mine");
  });

  test("runs are serialised: the second is posted only after the first is done", async () => {
    const first = client.run({ profile: "v6.5", js: "one" });
    const second = client.run({ profile: "v6.5+fix", js: "two" });
    await settle();
    const w = workers[0];
    expect(w.requests).toHaveLength(1);
    w.started();
    w.done("1");
    expect((await first).output).toBe("1");
    await settle();
    expect(w.last).toMatchObject({ profile: "v6.5+fix", js: "two" });
    w.started();
    w.done("2");
    expect((await second).output).toBe("2");
  });

  test("a run that never yields is stopped at the budget plus the grace; the next run gets a fresh worker", async () => {
    let outcome: Awaited<ReturnType<WorkerClient["run"]>> | undefined;
    void client.run({ profile: "v6.5", code: "while (true) {}" }).then((o) => {
      outcome = o;
    });
    await settle();
    const spinning = workers[0];
    spinning.alive();
    spinning.started();
    await vi.advanceTimersByTimeAsync(RUN_BUDGET_MS + RUN_GRACE_MS - 1);
    expect(outcome).toBeUndefined();
    expect(spinning.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(spinning.terminated).toBe(true);
    expect(outcome).toEqual({
      output: "",
      error: { kind: "timeout", message: STOPPED.timeout(RUN_BUDGET_MS / 1000) },
      hosts: [],
    });
    const next = client.run({ profile: "v6.5", js: "js" });
    await settle();
    expect(workers).toHaveLength(2);
    workers[1].started();
    workers[1].done("fresh");
    expect((await next).output).toBe("fresh");
  });

  test("what a run printed before it stopped yielding is kept when its worker is terminated or goes away", async () => {
    const printed = ["before the loop", "second line"];
    for (const end of ["timeout", "gone"] as const) {
      const run = client.run({ profile: "v6.5", code: 'console.log("before the loop"); while (true) {}' });
      await settle();
      const w = workers[workers.length - 1]!;
      w.alive();
      w.started();
      for (const line of printed) w.say({ token: w.last.token, type: "line", line });
      w.say({ token: "not-the-run's", type: "line", line: "forged" });
      if (end === "timeout") await vi.advanceTimersByTimeAsync(RUN_BUDGET_MS + RUN_GRACE_MS);
      else {
        lives.get(w.lock ?? "")?.();
        await settle();
      }
      const outcome = await run;
      expect(outcome.output, end).toBe(printed.join("\n"));
      expect(outcome.error?.kind, end).toBe(end === "timeout" ? "timeout" : "crash");
    }
  });

  test("the page keeps at most the output cap of streamed lines, whatever the worker sends", async () => {
    const run = client.run({ profile: "v6.5", code: "for (;;) console.log(1)" });
    await settle();
    const w = workers[0]!;
    w.alive();
    w.started();
    for (let i = 0; i < OUTPUT_LIMITS.lines + 50; i++) w.say({ token: w.last.token, type: "line", line: `${i}` });
    await vi.advanceTimersByTimeAsync(RUN_BUDGET_MS + RUN_GRACE_MS);
    expect((await run).output.split("\n")).toHaveLength(OUTPUT_LIMITS.lines);
  });

  test("the run budget starts at `started` and replaces the load budget; a finished run stops both", async () => {
    client = make({ runBudgetMs: 200, graceMs: 0, loadBudgetMs: 1000 });
    const run = client.run({ profile: "v6.5", js: "js" });
    await settle();
    await vi.advanceTimersByTimeAsync(900); // still loading: within the load budget
    workers[0].started();
    await vi.advanceTimersByTimeAsync(199); // 1099 ms since the request, 199 ms of running
    workers[0].done("in time");
    expect((await run).output).toBe("in time");
    await vi.advanceTimersByTimeAsync(10_000); // the idle worker is kept for the next run
    expect(workers[0].terminated).toBe(false);
  });

  test("a worker that never starts the run is given up after the load budget", async () => {
    const run = client.run({ profile: "v6.5", js: "js" });
    await settle();
    await vi.advanceTimersByTimeAsync(LOAD_BUDGET_MS);
    expect(await run).toEqual({ output: "", error: { kind: "runtime", message: STOPPED.load }, hosts: [] });
    expect(workers[0].terminated).toBe(true);
  });

  test("a worker that fails to load ends the run with the reason; it is not respawned until asked", async () => {
    const run = client.run({ profile: "v6.5", js: "js" });
    await settle();
    const event = workers[0].fail("model chunk 404");
    expect(event.preventDefault).toHaveBeenCalled();
    expect((await run).error).toEqual({ kind: "runtime", message: STOPPED.failed("model chunk 404") });
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(1);
    void client.run({ profile: "v6.5", js: "js" });
    await settle();
    expect(workers).toHaveLength(2);
  });

  test("a worker that goes away during a run (self.close(), a crash) is noticed at once and replaced", async () => {
    const run = client.run({ profile: "v6.5", code: "self.close()" });
    await settle();
    const w = workers[0];
    w.alive();
    w.started();
    await settle();
    lives.get(w.lock ?? "")?.(); // its life lock is released: the worker has gone
    await settle();
    expect(await run).toEqual({ output: "", error: { kind: "crash", message: STOPPED.gone }, hosts: [] });
    expect(w.terminated).toBe(true);
    expect(workers).toHaveLength(2); // a fresh one, warm for the next run
    const next = client.run({ profile: "v6.5", js: "js" });
    await settle();
    workers[1].started();
    workers[1].done("works");
    expect((await next).output).toBe("works");
  });

  test("the page names the life lock in its first message and watches that lock, whatever the worker is called", async () => {
    // A spawn that ignores the name it is given (as a page with its own Worker options may).
    const watched: string[] = [];
    client = make({
      spawn: () => spawn("any name"),
      watch: (name) => {
        watched.push(name);
        return new Promise(() => {});
      },
    });
    client.warm();
    const w = workers[0];
    expect(w.lock).toMatch(/^msi-snippet-[0-9a-f]{32}$/);
    expect(w.requests).toEqual([]);
    w.alive();
    w.alive(); // said twice, watched once
    expect(watched).toEqual([w.lock]);
    await settle();
    expect(w.terminated).toBe(false);
    expect(workers).toHaveLength(1);
  });

  test("an idle worker that goes away is replaced, not handed the next run", async () => {
    client.warm();
    workers[0].alive();
    lives.get(workers[0].lock ?? "")?.();
    await settle();
    expect(workers[0].terminated).toBe(true);
    void client.run({ profile: "v6.5", js: "js" });
    await settle();
    expect(workers[0].requests).toEqual([]);
    expect(workers[1].requests).toHaveLength(1);
  });

  test("an answer the page cannot read (messageerror) ends the run and retires the worker", async () => {
    const run = client.run({ profile: "v6.5", js: "js" });
    await settle();
    workers[0].started();
    workers[0].onmessageerror?.call(workers[0] as unknown as Worker, {} as MessageEvent);
    expect(await run).toEqual({ output: "", error: { kind: "crash", message: STOPPED.unreadable }, hosts: [] });
    expect(workers[0].terminated).toBe(true);
  });
});
