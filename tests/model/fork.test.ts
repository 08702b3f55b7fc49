/**
 * host.fork(): a copy of a host that behaves exactly as the original would from there on, and
 * shares nothing that either can change. The explorer branches its search with it instead of
 * replaying every sequence from a fresh host, so a wrong copy would silently change its verdicts;
 * these tests (and the explorer's own checked replay of every kept state) are what stop that.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ACTIONS, actionById, createWorld, forkWorld, type World } from "../../src/explorer/actions";
import { selectProfiles } from "../../src/explorer/profiles";
import { canonical, factsOf } from "../../src/explorer/properties";
import { FORK } from "../../src/model/fork";
import { machineOf } from "../../src/model/host";
import { createHost } from "../../src/model/index";
import { Tracer } from "../../src/model/trace";

const PROFILES = selectProfiles(["v6.1", "v6.5/qemu-8.1", "v6.5", "v6.18/arm64", "v6.18+fix"]);

/** Plays choices[i] (taken modulo the actions enabled at step i) on `w`; returns the ids played. */
function play(w: World, choices: readonly number[]): string[] {
  const ids: string[] = [];
  for (const c of choices) {
    const enabled = ACTIONS.filter((a) => a.enabled(w));
    const a = enabled[c % enabled.length]!;
    try {
      a.run(w);
    } catch {
      // an action that throws is the explorer's business (errors-are-errnos); the trace still counts
    }
    ids.push(a.id);
  }
  return ids;
}

const record = (w: World) => JSON.stringify(w.host.trace);
const choices = fc.array(fc.nat(50), { maxLength: 10 });

describe("a fork behaves as the original would", () => {
  test("played from a fork, a sequence leaves the same trace and state as played straight through", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROFILES), choices, choices, (profile, before, after) => {
        const straight = createWorld(profile);
        play(straight, [...before, ...after]);
        const forked = createWorld(profile);
        play(forked, before);
        const copy = forkWorld(forked);
        play(copy, after);
        expect(record(copy)).toBe(record(straight));
        expect(canonical(factsOf(copy))).toBe(canonical(factsOf(straight)));
      }),
      { numRuns: 60 },
    );
  });

  test("what is done to the original after a fork does not show on the copy, nor the reverse", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROFILES), choices, choices, choices, (profile, before, a, b) => {
        const original = createWorld(profile);
        play(original, before);
        const copy = forkWorld(original);
        const copyAtFork = record(copy);
        play(original, a);
        expect(record(copy)).toBe(copyAtFork);
        play(copy, b);
        // Each side behaves as if the other did not exist.
        const alone = createWorld(profile);
        play(alone, [...before, ...a]);
        expect(record(original)).toBe(record(alone));
        const copyAlone = createWorld(profile);
        play(copyAlone, [...before, ...b]);
        expect(record(copy)).toBe(record(copyAlone));
      }),
      { numRuns: 60 },
    );
  });
});

/** Every object reachable from `roots`, not frozen (frozen ones are shared on purpose). */
function mutableObjects(...roots: unknown[]): Set<object> {
  const seen = new Set<object>();
  const walk = (v: unknown) => {
    if (v === null || typeof v !== "object" || seen.has(v) || Object.isFrozen(v)) return;
    seen.add(v);
    if (v instanceof Map)
      for (const [k, x] of v) {
        walk(k);
        walk(x);
      }
    else if (v instanceof Set) for (const x of v) walk(x);
    else if (!ArrayBuffer.isView(v)) for (const x of Object.values(v)) walk(x);
  };
  for (const r of roots) walk(r);
  return seen;
}

/** A world after the seed scenario: a VM running on the grown VF, MSI-X enabled, eventfds open. */
function busyWorld(name: string): World {
  const w = createWorld(selectProfiles([name])[0]!);
  for (const id of ["open", "enable", "use 0", "use 7", "shutdown", "firmware 64", "open", "enable", "use 8"]) {
    actionById(id)!.run(w);
  }
  return w;
}

describe("a fork shares nothing mutable", () => {
  test("the copy's machine and QEMU users have no mutable object in common with the original's", () => {
    for (const p of PROFILES) {
      const w = busyWorld(p.name);
      const copy = forkWorld(w);
      const mine = mutableObjects(machineOf(w.host), w.vm);
      const theirs = mutableObjects(machineOf(copy.host), copy.vm);
      expect(mine.size, p.name).toBeGreaterThan(30);
      expect(
        [...mine].filter((o) => theirs.has(o)),
        p.name,
      ).toEqual([]);
    }
  });

  test("every object it copies field by field has only plain, writable, enumerable data properties", () => {
    // fork.ts copies with Object.keys and assignment: an own getter, a read-only, hidden or
    // symbol-keyed property would be copied wrongly or lost. Objects with a FORK hook rebuild themselves.
    for (const p of PROFILES) {
      const w = busyWorld(p.name);
      const bad: string[] = [];
      for (const o of mutableObjects(machineOf(w.host), w.vm)) {
        if (FORK in o || o instanceof Map || o instanceof Set || Array.isArray(o) || ArrayBuffer.isView(o)) continue;
        for (const key of Reflect.ownKeys(o)) {
          const d = Object.getOwnPropertyDescriptor(o, key)!;
          if (typeof key !== "string" || !d.enumerable || !d.writable || d.get || d.set)
            bad.push(`${o.constructor?.name}.${String(key)}`);
        }
      }
      expect(bad, p.name).toEqual([]);
    }
  });
});

describe("config space", () => {
  test("a write on either side (the kernel's Message Control, the device's Table Size) shows on that side only", () => {
    const host = createHost({ kernel: "v6.5" });
    const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
    vf.bind("vfio-pci");
    const f = host.fork();
    const copyVf = f.counterpart(vf);
    const vm = host.qemu(vf.bdf);
    vm.enableMsix(); // the kernel writes Message Control in the original
    expect(host.lspci(vf.bdf)).toContain("Enable+");
    expect(f.host.lspci(vf.bdf)).toContain("Enable-");
    copyVf.firmwareSetMsixCount(64); // the device writes QSIZE in the copy
    expect(f.host.lspci(vf.bdf)).toContain("Count=64");
    expect(host.lspci(vf.bdf)).toContain("Count=8 ");
    const again = f.host.fork(); // a fork of the copy
    again.counterpart(copyVf).firmwareSetMsixCount(4);
    expect(f.host.lspci(vf.bdf)).toContain("Count=64");
    expect(host.lspci(vf.bdf)).toContain("Count=8 ");
  });
});

describe("fork's edges", () => {
  test("counterpart() maps the original's VF and QEMU users, and refuses what is not the original's", () => {
    const host = createHost({ kernel: "v6.5" });
    const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
    vf.bind("vfio-pci");
    const vm = host.qemu(vf.bdf);
    const f = host.fork();
    expect(f.counterpart(vm)).not.toBe(vm);
    expect(f.counterpart(vm).entries).toBe(8);
    expect(f.counterpart(vf).bdf).toBe(vf.bdf);
    const other = createHost({ kernel: "v6.5" });
    const stranger = other.qemu(vf.bdf);
    expect(() => f.counterpart(stranger)).toThrow(/not started by the forked host/);
    const absent = other.addVf("0000:3e:00.1", { msixTableSize: 8 });
    expect(() => f.counterpart(absent)).toThrow(/has no VF "0000:3e:00.1"/);
  });

  test("a fork keeps the profile, and the copy can be forked again", () => {
    const host = createHost({ kernel: "v6.18", qemu: "8.2", platform: "arm64" });
    const twice = host.fork().host.fork().host;
    expect(twice.profile).toEqual(host.profile);
    expect(twice.trace).toEqual(host.trace);
  });

  test("a host cannot be forked from inside a traced call", () => {
    const t = new Tracer();
    expect(() => t.call("user", "outer", {}, () => t[FORK]())).toThrow(/inside a traced call/);
  });
});
