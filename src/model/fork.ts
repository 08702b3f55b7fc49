/**
 * Scaffolding, not a kernel feature: copying a whole simulated machine, for host.fork().
 *
 * A machine is a graph of plain objects, arrays, Maps, Sets, typed arrays and class instances
 * (the kernel's structs), plus functions. The copy follows the graph once, with a memo, so shared
 * and cyclic references stay shared and cyclic in the copy. Three kinds of value are not copied:
 * - functions: the kernel's ops and callbacks are module functions, the same for every machine;
 * - frozen objects: immutable, so sharing them is safe (finished trace entries, the driver and
 *   ops tables every host uses, which are frozen where they are defined);
 * - objects and functions that carry a FORK hook: they hold their machine in a closure (a device
 *   fd's handle, the QEMU user's view of its host), so they rebuild themselves around the copy.
 * Every other object is copied property by property: only its own enumerable data properties
 * are, which is all the kernel's structs have (tests/model/fork.test.ts checks it on every object
 * of a machine; an own getter would be copied as its value).
 */

/** The key of the hook an object or function uses to rebuild itself in a fork. */
export const FORK: unique symbol = Symbol("msi-lifecycle fork");

/** Copies a value of the graph being forked (through the fork's memo). */
export type Clone = <T>(value: T) => T;

/** Something that rebuilds itself around the forked machine, given the fork's `clone`. */
export interface Forkable {
  [FORK](clone: Clone): unknown;
}

/** Attaches a FORK hook to `target` (an object or closure over a machine); returns `target`. */
export function forkable<T extends object>(target: T, rebuild: (clone: Clone) => T): T & Forkable {
  // A plain assignment (a symbol key is left out of Object.keys, for-in and JSON anyway):
  // defineProperty made each fd handle and QEMU environment several times dearer to create.
  (target as T & Forkable)[FORK] = rebuild;
  return target as T & Forkable;
}

/** A `clone` with a fresh memo: every value cloned through it belongs to one fork. */
export function cloneGraph(): Clone {
  const memo = new Map<object, unknown>();
  const clone = <T>(value: T): T => {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) return value;
    const o = value as object;
    const hit = memo.get(o); // the memo never holds undefined
    if (hit !== undefined) return hit as T;
    const hook = (o as Partial<Forkable>)[FORK];
    if (typeof hook === "function") {
      const copy = hook.call(o, clone);
      memo.set(o, copy);
      return copy as T;
    }
    // isExtensible first: it is a flag read, and most objects are; isFrozen walks the properties.
    if (typeof o === "function" || (!Object.isExtensible(o) && Object.isFrozen(o))) return value;
    return copyObject(o, memo, clone) as T;
  };
  return clone;
}

function copyObject(o: object, memo: Map<object, unknown>, clone: Clone): object {
  const proto = Object.getPrototypeOf(o);
  // Plain objects and class instances first: they are most of a machine.
  if (
    proto === Object.prototype ||
    !(Array.isArray(o) || o instanceof Map || o instanceof Set || ArrayBuffer.isView(o))
  ) {
    // Plain assignment of the enumerable own properties: the kernel's structs have only plain,
    // writable data properties (tests/model/fork.test.ts walks every object of a machine to hold
    // them to that). Reading property descriptors here made every fork several times slower.
    // A spread copies a plain object in one step, keeping its shape (V8 clones it by its map).
    const copy: Record<string, unknown> =
      proto === Object.prototype ? { ...o } : Object.assign(Object.create(proto), o);
    memo.set(o, copy);
    for (const key of Object.keys(copy)) {
      const v = copy[key];
      if ((typeof v === "object" && v !== null) || typeof v === "function") copy[key] = clone(v);
    }
    return copy;
  }
  if (Array.isArray(o)) {
    // A slice, then only the slots that hold objects: most slots of a machine's arrays hold
    // primitives or frozen values (QEMU's vectors).
    const a: unknown[] = o.slice();
    memo.set(o, a);
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if ((typeof v === "object" && v !== null) || typeof v === "function") a[i] = clone(v);
    }
    return a;
  }
  if (o instanceof Map) {
    const m = new Map();
    memo.set(o, m);
    for (const [k, v] of o) m.set(clone(k), clone(v));
    return m;
  }
  if (o instanceof Set) {
    const s = new Set();
    memo.set(o, s);
    for (const v of o) s.add(clone(v));
    return s;
  }
  const t = (o as Uint8Array).slice(); // a typed array (config space)
  memo.set(o, t);
  return t;
}
