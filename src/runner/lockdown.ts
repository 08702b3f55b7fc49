/**
 * Closes the ways out of the snippet worker before snippet code runs: the
 * network (fetch, XHR, sockets, event streams, workers, importScripts), the
 * origin's storage (IndexedDB, CacheStorage, OPFS, the file system API, the
 * broadcast channel) and the routes that turn a string into code at run time
 * (eval, the Function constructors, which a dynamic `import()` built at run
 * time would need). Each blocked name is removed from the global object and
 * from every prototype on its chain (so `Object.getOwnPropertyDescriptor(
 * WorkerGlobalScope.prototype, "fetch")` finds nothing), then defined again on
 * the global, non-configurable, as a stand-in that throws an error naming the
 * API. This holds with no content security policy at all; a page policy, when
 * there is one, binds the worker too (runner.ts starts it from a blob: URL).
 * A static `import(` in the code is refused at compile time (compile.ts).
 * Browser-safe; it changes the global object it is given, for good.
 */

/** Names on the worker's global object that reach the network or the origin's storage. */
export const BLOCKED_GLOBALS = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "WebSocketStream",
  "WebTransport",
  "EventSource",
  "importScripts",
  "Worker",
  "SharedWorker",
  "indexedDB",
  "caches",
  "BroadcastChannel",
  "cookieStore",
  "webkitRequestFileSystem",
  "webkitRequestFileSystemSync",
  "webkitResolveLocalFileSystemURL",
  "webkitResolveLocalFileSystemSyncURL",
  // The page's side of the worker: a snippet may not talk to the page on its own.
  "postMessage",
] as const;

/** Names on `navigator` that reach the origin's storage, its locks, or service workers. */
export const BLOCKED_NAVIGATOR = ["storage", "storageBuckets", "locks", "serviceWorker", "sendBeacon"] as const;

/** Names whose stand-in throws as soon as it is read (attributes); the others throw when called. */
const READ_BLOCKED = new Set<string>(["indexedDB", "caches", "cookieStore", ...BLOCKED_NAVIGATOR]);

/** The error a blocked API throws; its message starts with the API's name. */
export class BlockedApiError extends Error {
  constructor(api: string, why: string) {
    super(`${api} is blocked: ${why}`);
    this.name = "Error";
  }
}

const NO_NETWORK = "snippet code runs without network or storage access";
const NO_STRING_CODE = "snippet code cannot turn a string into code at run time";

/** A function with the API's name that throws when called or constructed. */
function thrower(api: string, why: string): (...args: unknown[]) => never {
  const holder = {
    // biome-ignore lint/complexity/useArrowFunction: a function, so that `new XMLHttpRequest()` throws this error too
    [api.replace(/\W/g, "_")]: function (): never {
      throw new BlockedApiError(api, why);
    },
  };
  return Object.values(holder)[0];
}

/** Removes `name` from `target` and every object on its prototype chain; throws if one refuses. */
function strip(target: object, name: string): void {
  for (let o: object | null = target; o; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, name) && !Reflect.deleteProperty(o, name)) {
      throw new Error(`the snippet sandbox could not remove ${name}`);
    }
  }
}

/**
 * Replaces `name` on `target` (and its prototypes) with a stand-in that throws, for good: when
 * read if `onRead` (an object such as `indexedDB`), else when called (a function such as `fetch`).
 */
export function block(
  target: object,
  name: string,
  api = name,
  why = NO_NETWORK,
  onRead = READ_BLOCKED.has(name),
): void {
  strip(target, name);
  const fail = thrower(api, why);
  Object.defineProperty(
    target,
    name,
    onRead
      ? { get: fail, configurable: false, enumerable: false }
      : { value: fail, writable: false, configurable: false, enumerable: false },
  );
}

/** Replaces `name` on `target` and its prototypes with `value`, for good (a timer that refuses strings). */
export function pin(target: object, name: string, value: unknown): void {
  strip(target, name);
  Object.defineProperty(target, name, { value, writable: false, configurable: false, enumerable: false });
}

/** The constructors that build functions from strings: Function, AsyncFunction, and the generator kinds. */
export function functionConstructors(): (new (...args: string[]) => unknown)[] {
  return [
    Function,
    (async () => {}).constructor,
    function* () {}.constructor,
    async function* () {}.constructor,
  ] as (new (
    ...args: string[]
  ) => unknown)[];
}

/**
 * Blocks the string-to-code routes of one realm: its global `eval` and `Function`,
 * and the `constructor` of each function prototype (how `(async () => {}).constructor`
 * is reached). The stand-in for `Function` keeps `Function.prototype`, so
 * `f instanceof Function` still holds.
 */
export function blockStringCode(scope: Record<string, unknown>, constructors = functionConstructors()): void {
  block(scope, "eval", "eval", NO_STRING_CODE);
  for (const ctor of constructors) {
    const name = ctor.name || "Function";
    const stand = thrower(name, NO_STRING_CODE);
    Object.defineProperty(stand, "prototype", { value: ctor.prototype });
    Object.defineProperty(ctor.prototype, "constructor", { value: stand, writable: false, configurable: false });
    if (ctor === constructors[0]) pin(scope, "Function", stand);
  }
}

/** Blocks the network, storage and string-to-code routes of a worker's global object. */
export function lockdown(scope: Record<string, unknown>, constructors = functionConstructors()): void {
  for (const name of BLOCKED_GLOBALS) block(scope, name);
  const nav = scope.navigator;
  if (nav && typeof nav === "object") {
    for (const name of BLOCKED_NAVIGATOR) block(nav, name, `navigator.${name}`);
  }
  blockStringCode(scope, constructors);
}
