/**
 * Makes the running snippet's console and timers the globals of the locked-down
 * worker (the page's Web Worker, the Node runner's worker thread), so that
 * `globalThis.setTimeout(...)` and `globalThis.console.log(...)` are counted and
 * captured like the wrapper's parameters. The globals are pinned once, and lead
 * to whichever run is active. Browser-safe.
 */
import { TIMER_NAMES } from "./async-work";
import type { RunScope } from "./core";
import { pin } from "./lockdown";

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug"] as const;

/** Pins console and the timer functions on `scope` to `active()`'s. */
export function pinRunGlobals(scope: object, active: () => RunScope | undefined): void {
  for (const name of TIMER_NAMES) {
    pin(scope, name, (...args: unknown[]) => {
      const run = active();
      if (!run) throw new Error(`${name} is not available between runs`);
      return (run.timers[name] as (...a: unknown[]) => unknown)(...args);
    });
  }
  const console = Object.fromEntries(
    CONSOLE_METHODS.map((m) => [m, (...args: unknown[]) => active()?.console[m](...args)]),
  );
  pin(scope, "console", console);
}
