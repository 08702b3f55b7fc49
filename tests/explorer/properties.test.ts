/**
 * Each property of the explorer judges a step correctly: it passes the good case and fails the bad
 * one (a property that cannot fail would make "holds" meaningless). Steps are built by hand.
 */
import { type DeviceState, EBUSY, EINVAL, ERANGE } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { type Action, actionById } from "../../src/explorer/actions";
import { canonical, type Facts, PROPERTIES, type Step } from "../../src/explorer/properties";

const device = (d: Partial<DeviceState> = {}): DeviceState => ({
  bdf: "0000:2e:00.1",
  driver: "vfio-pci",
  tableSize: 8,
  msixEnabled: false,
  functionMasked: false,
  domain: null,
  descriptors: [],
  irqs: {},
  vfioContexts: [],
  irqType: "none",
  hasDynMsix: null,
  ...d,
});
const facts = (f: Partial<Facts> = {}, d: Partial<DeviceState> = {}): Facts => ({
  device: device(d),
  vm: null,
  sizeChangedSinceOpen: false,
  msiData: false,
  warned: [],
  ...f,
});
const vm = { entries: 64, noresize: false, nrVectors: 0, msixEnabled: true, used: [] };
const act = (id: string): Action => actionById(id)!;
const check = (name: string, s: Step) => PROPERTIES.find((p) => p.name === name)!.check(s);

describe("explorer properties", () => {
  test("read-size-honoured", () => {
    const before = facts({ vm });
    expect(check("read-size-honoured", { action: act("use 8"), ret: 0, before, after: before })).toBeNull();
    expect(check("read-size-honoured", { action: act("use 8"), ret: -ERANGE, before, after: before })).toMatch(
      /use 8 returned -34 ERANGE/,
    );
    const changed = facts({ vm, sizeChangedSinceOpen: true });
    expect(
      check("read-size-honoured", { action: act("use 8"), ret: -ERANGE, before: changed, after: changed }),
    ).toBeNull();
    expect(check("read-size-honoured", { action: act("enable"), ret: -EINVAL, before, after: before })).not.toBeNull();
  });

  test("domain-fresh-at-enable", () => {
    const stale = facts({}, { tableSize: 64, domain: { hwsize: 8 } });
    const fresh = facts({}, { tableSize: 64, domain: { hwsize: 64 } });
    expect(check("domain-fresh-at-enable", { action: act("enable"), ret: 0, before: fresh, after: stale })).toMatch(
      /hwsize 8 while the Table Size is 64/,
    );
    expect(check("domain-fresh-at-enable", { action: act("enable"), ret: 0, before: fresh, after: fresh })).toBeNull();
    expect(check("domain-fresh-at-enable", { action: act("use 0"), ret: 0, before: stale, after: stale })).toBeNull();
  });

  test("nothing-left-after-shutdown", () => {
    const clean = facts();
    const leak = facts({}, { descriptors: [0], irqs: { 0: 40 }, vfioContexts: [0], irqType: "msix" });
    expect(
      check("nothing-left-after-shutdown", { action: act("shutdown"), ret: 0, before: clean, after: clean }),
    ).toBeNull();
    expect(check("nothing-left-after-shutdown", { action: act("shutdown"), ret: 0, before: clean, after: leak })).toBe(
      "after shutdown: descriptors [0], interrupts for [0], VFIO contexts [0], irq_type msix",
    );
  });

  test("nothing-left-after-unbind", () => {
    const gone = facts({}, { driver: null });
    const kept = facts({}, { driver: null, domain: { hwsize: 8 } });
    expect(
      check("nothing-left-after-unbind", { action: act("unbind"), ret: 0, before: facts(), after: gone }),
    ).toBeNull();
    expect(check("nothing-left-after-unbind", { action: act("unbind"), ret: 0, before: facts(), after: kept })).toMatch(
      /domain \{"hwsize":8\}/,
    );
  });

  test("supported-path-works", () => {
    const unbound = facts({}, { driver: null });
    expect(
      check("supported-path-works", { action: act("sysfs 64"), ret: 0, before: unbound, after: unbound }),
    ).toBeNull();
    expect(
      check("supported-path-works", { action: act("sysfs 64"), ret: -EBUSY, before: unbound, after: unbound }),
    ).toMatch(/-16 EBUSY/);
    expect(
      check("supported-path-works", { action: act("bind"), ret: -EINVAL, before: unbound, after: unbound }),
    ).not.toBeNull();
    // Refused while bound is not the supported path: another property judges it.
    expect(
      check("supported-path-works", { action: act("sysfs 64"), ret: -EBUSY, before: facts(), after: facts() }),
    ).toBeNull();
  });

  test("count-write-refused-while-bound", () => {
    const grown = facts({}, { tableSize: 64 });
    const p = "count-write-refused-while-bound";
    expect(check(p, { action: act("sysfs 64"), ret: -EBUSY, before: facts(), after: facts() })).toBeNull();
    expect(check(p, { action: act("sysfs 64"), ret: 0, before: facts(), after: grown })).toMatch(/Table Size 8 -> 64/);
  });

  test("errors-are-errnos", () => {
    const f = facts();
    expect(check("errors-are-errnos", { action: act("open"), ret: -ERANGE, before: f, after: f })).toBeNull();
    expect(check("errors-are-errnos", { action: act("open"), ret: -4095, before: f, after: f })).toMatch(
      /not a known errno/,
    );
    expect(check("errors-are-errnos", { action: act("open"), ret: 0.5, before: f, after: f })).toMatch(
      /not an integer/,
    );
    expect(
      check("errors-are-errnos", { action: act("open"), ret: Number.NaN, thrown: "Error: x", before: f, after: f }),
    ).toBe("threw Error: x");
  });

  test("the canonical state ignores interrupt numbers, not which vectors have one", () => {
    const a = facts({}, { descriptors: [0, 1], irqs: { 0: 40, 1: 41 } });
    const b = facts({}, { descriptors: [0, 1], irqs: { 0: 52, 1: 53 } });
    const c = facts({}, { descriptors: [0, 1], irqs: { 0: 40 } });
    expect(canonical(a)).toBe(canonical(b));
    expect(canonical(a)).not.toBe(canonical(c));
    expect(canonical(facts({ sizeChangedSinceOpen: true }))).not.toBe(canonical(facts()));
  });
});
