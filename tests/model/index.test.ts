import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as api from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { BDF, boundHost } from "./helpers";

describe("public constants", () => {
  test("match Linux values", () => {
    expect([
      api.EPERM,
      api.ENOENT,
      api.EBADF,
      api.ENOMEM,
      api.EBUSY,
      api.ENODEV,
      api.EINVAL,
      api.ENOTTY,
      api.ENOSPC,
      api.ERANGE,
      api.EOPNOTSUPP,
      api.ENOTSUPP,
    ]).toEqual([1, 2, 9, 12, 16, 19, 22, 25, 28, 34, 95, 524]);
    expect([api.VFIO_DEVICE_GET_INFO, api.VFIO_DEVICE_GET_IRQ_INFO, api.VFIO_DEVICE_SET_IRQS]).toEqual([
      0x3b6b, 0x3b6d, 0x3b6e,
    ]);
    expect([api.VFIO_IRQ_SET_DATA_TYPE_MASK, api.VFIO_IRQ_SET_ACTION_TYPE_MASK, api.VFIO_IRQ_INFO_NORESIZE]).toEqual([
      7, 0x38, 8,
    ]);
    expect([
      api.PCI_MSIX_FLAGS_QSIZE,
      api.PCI_MSIX_FLAGS_ENABLE,
      api.PCI_MSIX_FLAGS_MASKALL,
      api.MSI_MAX_INDEX,
    ]).toEqual([0x7ff, 0x8000, 0x4000, 65535]);
    expect(api.KERNEL).toBe("v6.5");
  });
  test("errnoName and strerror", () => {
    expect(api.errnoName(-34)).toBe("ERANGE");
    expect(api.strerror(34)).toBe("Numerical result out of range");
    expect(api.strerror(-524)).toBe("Unknown error 524");
  });
  test("irqSetArgsz", () => {
    expect([api.irqSetArgsz(1, "eventfd"), api.irqSetArgsz(3, "bool"), api.irqSetArgsz(0, "none")]).toEqual([
      24, 23, 20,
    ]);
  });
});

describe("describeProfile", () => {
  test("labels the hypothetical profile and throws on unknown names", () => {
    expect(api.describeProfile("v6.5+warn").hypothetical).toBe(true);
    expect(api.describeProfile("v6.5+fix").features.removeDomainOnDisable).toBe(true);
    expect(() => api.describeProfile("v9" as api.KernelProfile)).toThrow(TypeError);
  });
});

describe("createHost", () => {
  test("throws a TypeError naming the valid profiles", () => {
    expect(() => api.createHost({ kernel: "v5" as api.KernelProfile })).toThrow(
      /v6\.1, v6\.2, v6\.5, v6\.5\+fix, v6\.5\+warn/,
    );
  });
  test("addVf throws on a malformed bdf, a duplicate or a bad size", () => {
    const host = api.createHost({ kernel: "v6.5" });
    expect(() => host.addVf("2e:00.1", { msixTableSize: 8 })).toThrow(TypeError);
    host.addVf(BDF, { msixTableSize: 8 });
    expect(() => host.addVf(BDF, { msixTableSize: 8 })).toThrow(/already/);
    expect(() => host.addVf("0000:2e:00.2", { msixTableSize: 0 })).toThrow(RangeError);
    expect(() => host.addVf("0000:2e:00.3", { msixTableSize: 2049 })).toThrow(RangeError);
  });
  test("depth-0 entries carry a deep-copied state snapshot", () => {
    const { host, vf } = boundHost("v6.5");
    vf.firmwareSetMsixCount(16);
    const last = host.trace.at(-1)!;
    expect(last).toMatchObject({ fn: "firmware_set_msix_count", layer: "device", depth: 0, ret: null });
    expect(last.state?.tableSize).toBe(16);
    const snap = host.inspect(BDF);
    snap.descriptors.push(99);
    expect(host.inspect(BDF).descriptors).toEqual([]);
  });
});

describe("formatTrace", () => {
  test("indents by depth and names negative errnos; filters by depth, name and errors", () => {
    const trace: api.TraceEntry[] = [
      { seq: 0, fn: "a", layer: "user", args: { x: 1 }, ret: 0, depth: 0 },
      { seq: 1, fn: "msi_insert_desc", layer: "msi", args: { index: 8, hwsize: 8 }, ret: -34, depth: 1 },
      { seq: 2, fn: "v", layer: "vfio", args: { s: "a b" }, ret: null, depth: 1 },
    ];
    expect(api.formatTrace(trace)).toBe('a(x=1) = 0\n  msi_insert_desc(index=8, hwsize=8) = -34 ERANGE\n  v(s="a b")');
    expect(api.formatTrace(trace, { maxDepth: 0 })).toBe("a(x=1) = 0");
    // A filtered entry is indented under its nearest kept caller, not under a dropped one.
    expect(api.formatTrace(trace, { errorsOnly: true })).toBe("msi_insert_desc(index=8, hwsize=8) = -34 ERANGE");
    expect(api.formatTrace(trace, { only: [/^v$/] })).toBe('v(s="a b")');
    expect(api.formatTrace(trace, { only: ["a", "v"] })).toBe('a(x=1) = 0\n  v(s="a b")');
  });

  test("never nests a kept entry under a sibling branch when filtering", () => {
    const trace: api.TraceEntry[] = [
      { seq: 0, fn: "top", layer: "user", args: {}, ret: 0, depth: 0 },
      { seq: 1, fn: "setup_domain", layer: "pci", args: {}, ret: 0, depth: 1 },
      { seq: 2, fn: "create_domain", layer: "msi", args: {}, ret: 0, depth: 2 },
      { seq: 3, fn: "capability_init", layer: "pci", args: {}, ret: 0, depth: 1 },
      { seq: 4, fn: "insert_desc", layer: "msi", args: {}, ret: 0, depth: 2 },
    ];
    expect(api.formatTrace(trace, { only: [/domain/, "insert_desc"] })).toBe(
      "setup_domain() = 0\n  create_domain() = 0\ninsert_desc() = 0",
    );
  });
});

describe("determinism", () => {
  // Imports: tests/architecture.test.ts reads the import graph; DOM and Node globals:
  // tsconfig.pure.json type-checks the model without them.
  test("src/model uses no clock and no randomness", () => {
    const root = new URL("../../src/model/", import.meta.url).pathname;
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    for (const file of walk(root)) {
      const src = readFileSync(file, "utf8");
      expect(src, file).not.toMatch(/\bDate\b|Math\.random/);
    }
  });
});
