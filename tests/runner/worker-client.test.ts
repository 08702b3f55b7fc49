import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { LOAD_BUDGET_MS, WorkerClient, type WorkerLike } from "../../src/runner/client/worker-client";
import { RUN_BUDGET_MS, type RunRequest, type WorkerMessage } from "../../src/runner/protocol";

/** A stand-in for the snippet worker: records requests, answers when told to. */
class FakeWorker implements WorkerLike {
  onmessage: Worker["onmessage"] = null;
  onerror: Worker["onerror"] = null;
  readonly requests: RunRequest[] = [];
  terminated = false;

  postMessage(request: RunRequest): void {
    if (this.terminated) throw new Error("posted to a terminated worker");
    this.requests.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts `message` to the page. */
  say(message: WorkerMessage): void {
    this.onmessage?.call(this as unknown as Worker, { data: message } as MessageEvent<WorkerMessage>);
  }
  started(id = this.last.id): void {
    this.say({ id, type: "started" });
  }
  done(output: string, id = this.last.id): void {
    this.say({ id, type: "done", ms: 2, output, hosts: [{ kernel: "v6.5", trace: [] }] });
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
const spawn = () => {
  const w = new FakeWorker();
  workers.push(w);
  return w;
};

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  client = new WorkerClient({ spawn });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets queued promise callbacks run (the client starts a run on a microtask). */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe("WorkerClient", () => {
  test("warm() starts one worker ahead of the first run, and runs reuse it", async () => {
    client.warm();
    client.warm();
    expect(workers).toHaveLength(1);
    const run = client.run({ profile: "v6.5", js: "js", mappings: "AAAA" });
    await settle();
    expect(workers[0].last).toEqual({ id: 1, profile: "v6.5", js: "js", mappings: "AAAA" });
    workers[0].started();
    workers[0].done("hello");
    await expect(run).resolves.toEqual({
      output: "hello",
      error: undefined,
      ms: 2,
      hosts: [{ kernel: "v6.5", trace: [] }],
    });
    expect(workers).toHaveLength(1);
  });

  test("runs are serialised: the second is posted only after the first is done", async () => {
    const first = client.run({ profile: "v6.5", js: "one" });
    const second = client.run({ profile: "v6.5+fix", code: "two" });
    await settle();
    const w = workers[0];
    expect(w.requests.map((r) => r.id)).toEqual([1]);
    w.started(1);
    w.done("1", 1);
    expect((await first).output).toBe("1");
    await settle();
    expect(w.last).toEqual({ id: 2, profile: "v6.5+fix", code: "two" });
    w.started(2);
    w.done("2", 2);
    expect((await second).output).toBe("2");
  });

  test("a message for another run is ignored", async () => {
    const run = client.run({ profile: "v6.5", js: "js" });
    await settle();
    workers[0].done("stale", 99);
    workers[0].started(1);
    workers[0].done("mine", 1);
    expect((await run).output).toBe("mine");
  });

  test("a run over the budget terminates the worker; the next run gets a fresh one", async () => {
    let outcome: Awaited<ReturnType<WorkerClient["run"]>> | undefined;
    void client.run({ profile: "v6.5", code: "while (true) {}" }).then((o) => {
      outcome = o;
    });
    await settle();
    const spinning = workers[0];
    spinning.started();
    await vi.advanceTimersByTimeAsync(RUN_BUDGET_MS - 1);
    expect(outcome).toBeUndefined();
    expect(spinning.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(spinning.terminated).toBe(true);
    expect(outcome).toEqual({
      output: "",
      error: {
        kind: "timeout",
        message: `Stopped: the snippet ran longer than ${RUN_BUDGET_MS / 1000} s, so its worker was terminated. The next Run starts a fresh one.`,
      },
      hosts: [],
    });

    const next = client.run({ profile: "v6.5", js: "js" });
    await settle();
    expect(workers).toHaveLength(2);
    expect(workers[1].last.id).toBe(2);
    workers[1].started();
    workers[1].done("fresh");
    expect((await next).output).toBe("fresh");
  });

  test("the run budget starts at `started` and replaces the load budget; a finished run stops both", async () => {
    client = new WorkerClient({ spawn, runBudgetMs: 200, loadBudgetMs: 1000 });
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
    expect(await run).toEqual({
      output: "",
      error: { kind: "runtime", message: "Error: the runner did not start in time" },
      hosts: [],
    });
    expect(workers[0].terminated).toBe(true);
  });

  test("a worker that fails ends the run with the reason and is replaced", async () => {
    const run = client.run({ profile: "v6.5", js: "js" });
    await settle();
    const event = workers[0].fail("model chunk 404");
    expect(event.preventDefault).toHaveBeenCalled();
    expect((await run).error).toEqual({
      kind: "runtime",
      message: "Error: the runner could not start (model chunk 404)",
    });
    expect(workers[0].terminated).toBe(true);
    void client.run({ profile: "v6.5", js: "js" });
    await settle();
    expect(workers).toHaveLength(2);
  });
});
