import fc from "fast-check";
import {
  createHost,
  KERNEL_PROFILES,
  type KernelProfile,
  type QemuVfioPci,
  retErrno,
  type TraceEntry,
} from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { BDF, disableIrqs, hasErange, setIrqs } from "./helpers";

type Action =
  | { a: "open" }
  | { a: "close" }
  | { a: "qemu" }
  | { a: "enable" }
  | { a: "use"; n: number }
  | { a: "disable" }
  | { a: "shutdown" }
  | { a: "rawSet"; start: number; count: number }
  | { a: "rawDisable" }
  | { a: "firmware"; n: number }
  | { a: "sriov"; v: string }
  | { a: "bind" }
  | { a: "unbind" };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ a: "open" as const }),
  fc.constant({ a: "close" as const }),
  fc.constant({ a: "qemu" as const }),
  fc.constant({ a: "enable" as const }),
  fc.record({ a: fc.constant("use" as const), n: fc.nat(70) }),
  fc.constant({ a: "disable" as const }),
  fc.constant({ a: "shutdown" as const }),
  fc.record({ a: fc.constant("rawSet" as const), start: fc.nat(70), count: fc.integer({ min: 0, max: 12 }) }),
  fc.constant({ a: "rawDisable" as const }),
  fc.record({ a: fc.constant("firmware" as const), n: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ a: fc.constant("sriov" as const), v: fc.constantFrom("0", "8", "64", "-1", "x", "0x10", "3000") }),
  fc.constant({ a: "bind" as const }),
  fc.constant({ a: "unbind" as const }),
);

/** Runs a sequence; checks state invariants after every step; returns the trace. */
function run(kernel: KernelProfile, actions: Action[]): TraceEntry[] {
  const host = createHost({ kernel });
  const vf = host.addVf(BDF, { msixTableSize: 8 });
  const fds: Exclude<ReturnType<typeof host.vfio.open>, number>[] = [];
  let vm: QemuVfioPci | null = null;
  for (const act of actions) {
    switch (act.a) {
      case "open": {
        const fd = host.vfio.open(BDF);
        if (typeof fd !== "number") fds.push(fd);
        break;
      }
      case "close":
        fds.pop()?.close();
        break;
      case "qemu":
        vm?.shutdown();
        vm = host.qemu(BDF);
        break;
      case "enable":
        vm?.enableMsix();
        break;
      case "use":
        vm?.useVector(act.n);
        break;
      case "disable":
        vm?.disableMsix();
        break;
      case "shutdown":
        vm?.shutdown();
        vm = null;
        break;
      case "rawSet":
        if (fds[0])
          setIrqs(
            fds[0],
            act.start,
            Array.from({ length: act.count }, () => host.eventfd()),
          );
        break;
      case "rawDisable":
        if (fds[0]) disableIrqs(fds[0]);
        break;
      case "firmware":
        // Resizes happen while MSI-X is off: a resize under enabled MSI-X fails on every
        // per-device-domain kernel, patched or not (see scenarios.test.ts).
        if (!host.inspect(BDF).msixEnabled) vf.firmwareSetMsixCount(act.n);
        break;
      case "sriov":
        host.sysfs.write(`/sys/bus/pci/devices/${BDF}/sriov_vf_msix_count`, act.v);
        break;
      case "bind":
        vf.bind("vfio-pci");
        break;
      case "unbind":
        vf.unbind();
        break;
    }
    const s = host.inspect(BDF);
    if (s.domain) for (const i of s.descriptors) expect(i).toBeLessThan(s.domain.hwsize);
    if (!s.msixEnabled) expect(s.descriptors).toEqual([]);
    for (const c of s.vfioContexts) expect(s.descriptors).toContain(c);
    for (const c of s.vfioContexts) expect(s.irqs[c]).toBeGreaterThan(0);
  }
  return host.trace;
}

const seqs = fc.array(action, { maxLength: 30 });

/**
 * CI runs the properties with a fixed seed, so a red run is reproducible and never chance;
 * `MSI_PROPERTY_SEED=random npm test` (or any number) explores other sequences on demand.
 * fast-check prints the seed and the shrunk counterexample of a failure.
 */
const SEED_ENV = process.env.MSI_PROPERTY_SEED;
const SEED = SEED_ENV === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_ENV ?? 20230914);
if (!Number.isInteger(SEED)) throw new Error(`MSI_PROPERTY_SEED must be an integer or "random", not ${SEED_ENV}`);

/**
 * The stale-domain failure: msi_insert_desc() (msi_add_msi_desc() on v6.1) refuses an index with
 * -ERANGE. Other -ERANGEs are correct answers to bad requests (VFIO_DEVICE_SET_IRQS with count 0
 * and DATA_EVENTFD fails vfio_set_irqs_validate_and_prepare() with -ERANGE on every kernel).
 */
const insertRefused = (trace: readonly TraceEntry[]) =>
  trace.some((e) => (e.fn === "msi_insert_desc" || e.fn === "msi_add_msi_desc") && retErrno(e.ret) === -34);

/** A sequence the earlier, looser property (any -ERANGE anywhere) failed on by chance. */
const ZERO_COUNT_SET_IRQS: Action[] = [{ a: "bind" }, { a: "open" }, { a: "rawSet", start: 0, count: 0 }];

describe("property: random user action sequences", () => {
  for (const kernel of KERNEL_PROFILES) {
    test(`${kernel}: invariants hold, nothing throws, the trace is well formed`, () => {
      fc.assert(
        fc.property(seqs, (actions) => {
          const trace = run(kernel, actions);
          trace.forEach((e, i) => {
            expect(e.seq).toBe(i);
            expect(e.depth).toBeLessThanOrEqual(i === 0 ? 0 : trace[i - 1]!.depth + 1);
            if (e.depth === 0 && e.bdf === BDF) expect(e.state).toBeDefined();
          });
          // Property: without per-device domains (v6.1) or with the patch, no descriptor is ever
          // refused for being past a stale hwsize, whatever user space does.
          if (kernel === "v6.5+fix" || kernel === "v6.1") expect(insertRefused(trace)).toBe(false);
        }),
        { numRuns: 60, seed: SEED, examples: [[ZERO_COUNT_SET_IRQS]] },
      );
    });
  }

  test("determinism: the same sequence gives a deep-equal trace", () => {
    fc.assert(
      fc.property(fc.constantFrom(...KERNEL_PROFILES), seqs, (kernel, actions) => {
        expect(run(kernel, actions)).toEqual(run(kernel, actions));
      }),
      { numRuns: 40, seed: SEED },
    );
  });

  test("a zero-count SET_IRQS is refused with -ERANGE by validation, not by msi_insert_desc", () => {
    for (const kernel of KERNEL_PROFILES) {
      const trace = run(kernel, ZERO_COUNT_SET_IRQS);
      expect(hasErange(trace), kernel).toBe(true);
      expect(insertRefused(trace), kernel).toBe(false);
    }
  });

  test("on v6.5 the property's failure is reachable: the seed scenario refuses an insert", () => {
    const seed: Action[] = [
      { a: "bind" },
      { a: "qemu" },
      { a: "enable" },
      ...Array.from({ length: 8 }, (_, n) => ({ a: "use" as const, n })),
      { a: "shutdown" },
      { a: "firmware", n: 64 },
      { a: "qemu" },
      { a: "enable" },
      { a: "use", n: 8 },
    ];
    expect(insertRefused(run("v6.5", seed))).toBe(true);
    expect(insertRefused(run("v6.5+fix", seed))).toBe(false);
  });

  test("two hosts in one process are independent", () => {
    const a = createHost({ kernel: "v6.5" });
    const b = createHost({ kernel: "v6.5" });
    a.addVf(BDF, { msixTableSize: 8 }).bind("vfio-pci");
    b.addVf(BDF, { msixTableSize: 8 }).bind("vfio-pci");
    a.eventfd();
    expect(b.eventfd()).toBe(10);
    expect(b.trace.length).toBeLessThan(a.trace.length + 1);
    expect(a.inspect(BDF)).toEqual(b.inspect(BDF));
  });
});
