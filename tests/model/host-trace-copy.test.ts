/**
 * `host.trace` hands out a copy: what a snippet does to the array or its entries
 * cannot change the host's record, so later formatted output and the pictures
 * drawn from the run show what the model did (issue 15, "Script in the page").
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

describe("host.trace is a copy", () => {
  test("mutating the array and its entries does not change later formatted output", () => {
    const host = seedHost();
    const before = formatTrace(host.trace);
    const states = JSON.stringify(host.trace.map((e) => e.state ?? null));

    const t = host.trace;
    const withState = t.find((e) => e.state) as TraceEntry;
    expect(withState).toBeDefined();
    // What a hostile edit could try: change values, insert markup, drop and add entries.
    (withState.state as { tableSize: unknown }).tableSize = "<img src=x onerror=alert(1)>";
    withState.state?.descriptors.push(9999);
    if (withState.state?.domain) withState.state.domain.hwsize = 1e308;
    t[0].fn = "<script>alert(1)</script>";
    t[0].args.path = "changed";
    t[1].ret = -34;
    t.reverse();
    t.push({ ...t[0], seq: 12345 });
    t.length = 3;

    expect(formatTrace(host.trace)).toBe(before);
    expect(JSON.stringify(host.trace.map((e) => e.state ?? null))).toBe(states);
  });

  test("each read is a fresh copy that equals the record, and the record keeps growing", () => {
    const host = seedHost();
    const a = host.trace;
    const b = host.trace;
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
    expect(a[0]).not.toBe(b[0]);
    const n = a.length;
    host.inspect("0000:2e:00.1");
    host.qemu("0000:2e:00.1");
    expect(host.trace.length).toBeGreaterThan(n);
    expect(a.length).toBe(n);
  });
});
