/**
 * The trace carries data, and one formatter spells it for snippets, pictures, page tables and the
 * runner. These tests pin the spelling and hold the picture helpers to the same functions.
 */
import { describe, expect, test } from "vitest";
import { createHost, formatEntry, formatRet, formatTrace, retErrno, type TraceEntry } from "../../src/model/index";
import { Tracer } from "../../src/model/trace";
import { callText, entryText, retText } from "../../src/pictures/trace-data";

const entry = (over: Partial<TraceEntry>): TraceEntry => ({
  seq: 0,
  fn: "f",
  layer: "msi",
  args: {},
  ret: null,
  depth: 0,
  ...over,
});

describe("formatRet: one spelling of a return value", () => {
  test.each([
    [null, ""],
    [0, "0"],
    [true, "true"],
    [-34, "-34 ERANGE"],
    [-524, "-524 ENOTSUPP"],
    [{ index: -34, virq: 0 }, "{index: -34} ERANGE"],
    [{ index: 8, virq: 49 }, "{index: 8, virq: 49}"],
  ] as const)("%j prints %j", (ret, text) => {
    expect(formatRet(ret)).toBe(text);
  });

  test("retErrno reads negative numbers and negative msi_map indexes only", () => {
    expect(retErrno(-22)).toBe(-22);
    expect(retErrno({ index: -34, virq: 0 })).toBe(-34);
    expect(retErrno({ index: 3, virq: 40 })).toBeNull();
    expect(retErrno(5)).toBeNull();
    expect(retErrno(false)).toBeNull();
  });
});

describe("the trace stores data, not text", () => {
  test("an msi_map result is an object with index and virq", () => {
    const host = createHost({ kernel: "v6.5" });
    const vf = host.addVf("0000:01:00.1", { msixTableSize: 8 });
    vf.bind("vfio-pci");
    const vm = host.qemu(vf.bdf);
    vm.enableMsix();
    vm.useVector(3);
    const at = host.trace.find((e) => e.fn === "pci_msix_alloc_irq_at");
    expect(at?.ret).toEqual({ index: 3, virq: expect.any(Number) });
    for (const e of host.trace) expect(typeof e.ret).not.toBe("string");
  });

  test("a traced function returning text is a programming error, caught at once", () => {
    const t = new Tracer();
    expect(() => t.call("msi", "bad", {}, () => "text" as unknown as number)).toThrow(TypeError);
  });
});

describe("pictures print entries with the model's formatter", () => {
  test("entryText, callText and retText agree with formatEntry for every entry of a failing run", () => {
    const host = createHost({ kernel: "v6.5" });
    const vf = host.addVf("0000:01:00.1", { msixTableSize: 8 });
    vf.bind("vfio-pci");
    let vm = host.qemu(vf.bdf);
    vm.enableMsix();
    vm.useVector(7);
    vm.shutdown();
    vf.firmwareSetMsixCount(64);
    vm = host.qemu(vf.bdf);
    vm.enableMsix();
    vm.useVector(8);
    expect(host.trace.some((e) => retErrno(e.ret) === -34)).toBe(true);
    for (const e of host.trace) {
      expect(entryText(e)).toBe(formatEntry(e));
      const r = retText(e);
      expect(r === "" ? callText(e) : `${callText(e)} = ${r}`).toBe(formatEntry(e));
    }
  });
});

describe("formatTrace on long traces", () => {
  test("formats 200,000 entries without overflowing the stack", () => {
    const trace = Array.from({ length: 200_000 }, (_, i) => entry({ seq: i, depth: 1 + (i % 3), ret: -34 }));
    const text = formatTrace(trace, { errorsOnly: true });
    expect(text.split("\n")).toHaveLength(200_000);
    expect(formatTrace(trace).split("\n")[0]).toBe("f() = -34 ERANGE");
  });
});
