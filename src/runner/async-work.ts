/**
 * A snippet's async work, and when it has settled. The snippet gets its own
 * setTimeout, setInterval, clearTimeout, clearInterval and queueMicrotask
 * (wrapper parameters, and the worker's globals), which count the timers it
 * has pending and catch what their callbacks throw.
 *
 * "Settled" means: the snippet's top-level code has finished (its async
 * wrapper's promise is settled), none of its timers is pending, and a macrotask
 * turn has passed since, so every microtask queued by then (promise callbacks,
 * queueMicrotask) has run. Work the runner cannot see (a promise waiting on
 * something that is not one of the snippet's timers) is not waited for, except
 * by a top-level `await`, which keeps the run open until the budget ends. The
 * budget covers the async work: when it ends with work pending, the run stops
 * with a timeout and keeps the output so far. A snippet that never yields (an
 * endless loop, an endless chain of microtasks) never lets this code run again:
 * the page terminates its worker, the Node runner its worker thread.
 * Browser-safe.
 */
import { BlockedApiError } from "./lockdown";

/** The environment's own timers and clock, captured before snippet code runs. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

type Callback = (...args: unknown[]) => unknown;

/** The timer functions handed to a snippet, in the order of the wrapper's parameters. */
export interface SnippetTimerApi {
  setTimeout(handler: unknown, ms?: number, ...args: unknown[]): number;
  setInterval(handler: unknown, ms?: number, ...args: unknown[]): number;
  clearTimeout(id?: number): void;
  clearInterval(id?: number): void;
  queueMicrotask(callback: unknown): void;
}

/** The names of the timer functions, as the compiled wrapper declares them. */
export const TIMER_NAMES = ["setTimeout", "setInterval", "clearTimeout", "clearInterval", "queueMicrotask"] as const;

export class SnippetTimers {
  private readonly pending = new Map<number, unknown>();
  private nextId = 1;
  private wake?: () => void;
  private stopped = false;
  /** The first error a callback threw, or an unhandled rejection, wrapped so that `undefined` can be thrown too. */
  failure?: { error: unknown };
  readonly api: SnippetTimerApi;

  constructor(private readonly clock: Clock) {
    this.api = {
      setTimeout: (handler, ms, ...args) => this.start("setTimeout", handler, ms, args, false),
      setInterval: (handler, ms, ...args) => this.start("setInterval", handler, ms, args, true),
      clearTimeout: (id) => this.clear(id),
      clearInterval: (id) => this.clear(id),
      queueMicrotask: (callback) => {
        if (typeof callback !== "function") throw new TypeError("queueMicrotask needs a function");
        void Promise.resolve().then(() => this.call(callback as Callback, []));
      },
    };
  }

  /** How many timers are pending. */
  get count(): number {
    return this.pending.size;
  }

  /** Records the first failure (a callback's throw, an unhandled rejection) and wakes the waiter. */
  fail(error: unknown): void {
    this.failure ??= { error };
    this.poke();
  }

  /** Cancels every pending timer; callbacks never run again. */
  stop(): void {
    this.stopped = true;
    for (const handle of this.pending.values()) this.clock.clearTimeout(handle);
    this.pending.clear();
  }

  /** Resolves at the next change: a timer fired or was cleared, a failure, or poke(). */
  changed(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private start(kind: string, handler: unknown, ms: unknown, args: unknown[], repeat: boolean): number {
    if (typeof handler !== "function") {
      throw new BlockedApiError(`${kind} with a string`, "snippet code cannot turn a string into code at run time");
    }
    const id = this.nextId++;
    const delay = Math.max(0, Number(ms) || 0);
    const arm = () => {
      this.pending.set(
        id,
        this.clock.setTimeout(() => {
          if (!this.pending.has(id) || this.stopped) return;
          if (!repeat) this.pending.delete(id);
          this.call(handler as Callback, args);
          if (repeat && this.pending.has(id) && !this.stopped) arm();
          this.poke();
        }, delay),
      );
    };
    if (!this.stopped) arm();
    return id;
  }

  private clear(id: unknown): void {
    if (typeof id !== "number" || !this.pending.has(id)) return;
    this.clock.clearTimeout(this.pending.get(id));
    this.pending.delete(id);
    this.poke();
  }

  private call(fn: Callback, args: unknown[]): void {
    if (this.stopped) return;
    try {
      fn(...args);
    } catch (e) {
      this.fail(e);
    }
  }
}

/** How a run's async work ended. */
export type Settled =
  | { kind: "settled" }
  | { kind: "failed"; error: unknown }
  | { kind: "timeout"; waitingFor: string };

/** What is still pending, in words: "1 timer and the top-level code's await". */
function pendingWork(timers: number, mainPending: boolean): string {
  const parts: string[] = [];
  if (timers > 0) parts.push(`${timers} timer${timers === 1 ? "" : "s"}`);
  if (mainPending) parts.push("the top-level code's await");
  return parts.join(" and ");
}

/**
 * Waits until the snippet's work settles (see the top of this file), a callback
 * fails, or `deadline` (on `clock`) passes. Stops the timers when it returns.
 */
export async function settle(
  main: Promise<unknown>,
  timers: SnippetTimers,
  clock: Clock,
  deadline: number,
): Promise<Settled> {
  let mainPending = true;
  main.then(
    () => {
      mainPending = false;
      timers.poke();
    },
    (error) => {
      mainPending = false;
      timers.fail(error);
    },
  );
  const sleep = (ms: number) => new Promise<void>((r) => clock.setTimeout(r, ms));
  try {
    for (;;) {
      await sleep(0); // a macrotask turn: the microtasks queued so far have run
      if (timers.failure) return { kind: "failed", error: timers.failure.error };
      if (!mainPending && timers.count === 0) return { kind: "settled" };
      const left = deadline - clock.now();
      if (left <= 0) return { kind: "timeout", waitingFor: pendingWork(timers.count, mainPending) };
      let handle: unknown;
      await Promise.race([timers.changed(), new Promise<void>((r) => (handle = clock.setTimeout(r, left)))]);
      clock.clearTimeout(handle);
    }
  } finally {
    timers.stop();
  }
}
