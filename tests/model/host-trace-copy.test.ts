/**
 * `host.trace` hands out a fresh array of frozen entries: what a snippet does to the array or
 * its entries cannot change the host's record, so later formatted output and the pictures drawn
 * from the run show what the model did (issue 15, "Script in the page"). Reading it costs one
 * array copy, so a snippet may read it in a loop on a long trace.
 */
import { describe, expect, test } from "vitest";
import { createHost, formatTrace, type TraceEntry } from "../../src/model";

function seedHost() {
  const host = createHost({ kernel: "v6.5" });
  const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
  vf.bind("vfio-pci");
  const vm = host.qemu(vf.bdf);
  vm.enableMsix();
  vm.useVector(0);
  vm.shutdown();
  vf.firmwareSetMsixCount(64);
  return host;
}

/** Each write a hostile edit could try, as a function; every one must throw and change nothing. */
function entryWrites(t: TraceEntry[]): [string, () => void][] {
  const withState = t.find((e) => e.state?.domain) as TraceEntry;
  return [
    ["a state value", () => ((withState.state as { tableSize: unknown }).tableSize = "<img src=x onerror=alert(1)>")],
    ["a state array", () => withState.state?.descriptors.push(9999)],
    [
      "a nested state object",
      () => {
        if (withState.state?.domain) withState.state.domain.hwsize = 1e308;
      },
    ],
    ["a state record", () => ((withState.state as { irqs: Record<number, number> }).irqs[7] = 1)],
    ["fn", () => (t[0].fn = "<script>alert(1)</script>")],
    ["an argument", () => (t[0].args.path = "changed")],
    ["ret", () => (t[1].ret = -34)],
    ["a new property", () => ((t[2] as unknown as Record<string, unknown>).extra = 1)],
    ["a deletion", () => delete (t[0] as Partial<TraceEntry>).bdf],
  ];
}

describe("host.trace is a fresh array of frozen entries", () => {
  test("every write to an entry throws a TypeError and changes nothing", () => {
    const host = seedHost();
    const before = formatTrace(host.trace);
    const states = JSON.stringify(host.trace.map((e) => e.state ?? null));
    const t = host.trace;
    expect(t.some((e) => e.state?.domain)).toBe(true);
    for (const [what, write] of entryWrites(t)) expect(write, what).toThrow(TypeError);
    expect(formatTrace(host.trace)).toBe(before);
    expect(JSON.stringify(host.trace.map((e) => e.state ?? null))).toBe(states);
  });

  test("every object and array inside every entry is frozen (the typed freeze misses no nested field)", () => {
    const host = seedHost();
    const vm = host.qemu("0000:2e:00.1");
    vm.enableMsix();
    vm.useVector(9); // past the stale hwsize: pci_msix_alloc_irq_at returns an msi_map
    const t = host.trace;
    expect(t.some((e) => e.ret !== null && typeof e.ret === "object")).toBe(true);
    const unfrozen: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (v === null || typeof v !== "object") return;
      if (!Object.isFrozen(v)) unfrozen.push(path);
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    t.forEach((e, i) => walk(e, `trace[${i}]`));
    expect(unfrozen).toEqual([]);
  });

  test("the array is the reader's: reordering, adding and cutting it leave the record whole", () => {
    const host = seedHost();
    const before = formatTrace(host.trace);
    const t = host.trace;
    t.reverse();
    t.push({ ...t[0], seq: 12345 });
    t.length = 3;
    expect(formatTrace(host.trace)).toBe(before);
    // A copy made with spread is writable, as plain data.
    const mine = { ...host.trace[0], fn: "mine" };
    expect(mine.fn).toBe("mine");
  });

  test("each read is a new array that equals the record, and the record keeps growing", () => {
    const host = seedHost();
    const a = host.trace;
    const b = host.trace;
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    const n = a.length;
    host.inspect("0000:2e:00.1");
    const vm = host.qemu("0000:2e:00.1");
    vm.enableMsix();
    expect(host.trace.length).toBeGreaterThan(n);
    expect(a.length).toBe(n);
    // The model keeps working after its earlier entries were frozen: nothing it still uses was frozen.
    expect(host.inspect("0000:2e:00.1").msixEnabled).toBe(true);
  });

  test("clearTrace() starts a new record that is frozen the same way", () => {
    const host = seedHost();
    host.trace;
    host.clearTrace();
    expect(host.trace).toEqual([]);
    host.qemu("0000:2e:00.1");
    const t = host.trace;
    expect(t.length).toBeGreaterThan(0);
    expect(Object.isFrozen(t[0]) && Object.isFrozen(t[0].args)).toBe(true);
  });
});
