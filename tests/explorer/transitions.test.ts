/** Lifecycle transitions, read from real traces. */
import { createHost, type KernelProfile } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { mapIndex, TRANSITIONS, transitionsOf } from "../../src/explorer/transitions";

/** The seed scenario's second VM: which transitions its trace shows. */
function seed(kernel: KernelProfile): string[] {
  const host = createHost({ kernel });
  const vf = host.addVf("0000:2e:00.1", { msixTableSize: 8 });
  vf.bind("vfio-pci");
  let vm = host.qemu(vf.bdf);
  vm.enableMsix();
  for (let n = 0; n < 8; n++) vm.useVector(n);
  vm.shutdown();
  vf.firmwareSetMsixCount(64);
  vm = host.qemu(vf.bdf);
  vm.enableMsix();
  vm.useVector(8);
  return transitionsOf(host.trace);
}

describe("transitions", () => {
  test("ids are unique", () => {
    expect(new Set(TRANSITIONS.map((t) => t.id)).size).toBe(TRANSITIONS.length);
  });

  test("the seed scenario on v6.5: a stale reuse and -ERANGE, no removal by the patch", () => {
    const t = seed("v6.5");
    expect(t).toEqual(
      expect.arrayContaining(["domain-created", "domain-reused-stale", "descriptor-refused-erange", "dynamic-add"]),
    );
    expect(t).not.toContain("domain-removed-by-patch");
    expect(t).not.toContain("domain-reused-same-size");
  });

  test("the seed scenario on v6.5+fix: the patch removes the domain and nothing is refused", () => {
    const t = seed("v6.5+fix");
    expect(t).toContain("domain-removed-by-patch");
    expect(t).not.toContain("domain-reused-stale");
    expect(t).not.toContain("descriptor-refused-erange");
  });

  test("v6.2 adds vectors the NORESIZE way; v6.1 never creates a domain", () => {
    expect(seed("v6.2")).toEqual(
      expect.arrayContaining(["irq-info-noresize", "noresize-reenable", "descriptor-refused-erange"]),
    );
    expect(seed("v6.1")).not.toContain("domain-created");
  });

  test("msi_map results are read as objects or as text", () => {
    expect(mapIndex({ index: 8, virq: 48 })).toBe(8);
    expect(mapIndex({ index: -34 })).toBe(-34);
    expect(mapIndex("{index: 8, virq: 48}")).toBe(8);
    expect(mapIndex("{index: -34}")).toBe(-34);
    expect(mapIndex(0)).toBe(0);
    expect(mapIndex(null)).toBeNull();
  });
});
