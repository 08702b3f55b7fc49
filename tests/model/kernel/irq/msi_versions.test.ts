/**
 * What changed in kernel/irq/msi.c between the kernels the site compares: the split of
 * msi_domain_alloc_irq_at() (v6.9) and where the parent's msi_prepare runs (v6.16).
 */

import type { TraceEntry } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { BDF, boundHost, chainBelow, disableIrqs, openFd, setIrqs } from "../../helpers";

const dynamicAdd = (kernel: "v6.5" | "v6.18" | "v6.5+fix" | "v6.18+fix", platform: "x86" | "arm64" = "x86") => {
  const { host } = boundHost(kernel, 8, "10.1", platform);
  const fd = openFd(host);
  setIrqs(fd, 0, [-1]);
  const enable = [...host.trace];
  host.clearTrace();
  setIrqs(fd, 3, [host.eventfd()]);
  const add = [...host.trace];
  host.clearTrace();
  disableIrqs(fd);
  return { host, fd, enable, add, disable: [...host.trace] };
};

describe("msi_domain_alloc_irq_at()", () => {
  test("up to v6.8 it inserts the descriptor itself: pci_msix_alloc_irq_at → msi_domain_alloc_irq_at → msi_insert_desc", () => {
    expect(chainBelow(dynamicAdd("v6.5").add, "pci_msix_alloc_irq_at", "msi_insert_desc")).toEqual([
      "pci_msix_alloc_irq_at",
      "msi_domain_alloc_irq_at",
      "msi_insert_desc",
    ]);
  });
  test("from v6.9 through __msi_domain_alloc_irq_at() (3095cc0d5b2c)", () => {
    const { add } = dynamicAdd("v6.18");
    expect(chainBelow(add, "msi_domain_alloc_irq_at", "msi_insert_desc")).toEqual([
      "msi_domain_alloc_irq_at",
      "__msi_domain_alloc_irq_at",
      "msi_insert_desc",
    ]);
  });
});

describe("the parent's msi_prepare and msi_teardown", () => {
  const prepares = (t: readonly TraceEntry[]) =>
    t.filter((e) => e.fn === "msi_domain_prepare_irqs").map((e) => e.args.nvec);
  const teardowns = (t: readonly TraceEntry[]) => t.filter((e) => /_teardown$/.test(e.fn)).map((e) => e.fn);
  test("before v6.16 every allocation prepares the parent (the enable for 1, each dynamic add for 1); no teardown", () => {
    const run = dynamicAdd("v6.5+fix");
    expect(prepares(run.enable)).toEqual([1]);
    expect(prepares(run.add)).toEqual([1]);
    expect(teardowns(run.disable)).toEqual([]);
  });
  test("from v6.16 once, at domain creation, for hwsize; with the patch each disable then also tears down", () => {
    const unpatched = dynamicAdd("v6.18");
    expect(prepares(unpatched.enable)).toEqual([8]);
    expect(prepares(unpatched.add)).toEqual([]);
    expect(teardowns(unpatched.disable)).toEqual([]);
    const patched = dynamicAdd("v6.18+fix");
    expect(teardowns(patched.disable)).toEqual(["msi_domain_ops_teardown"]);
    setIrqs(patched.fd, 0, [-1]);
    expect(prepares(patched.host.trace)).toEqual([8]); // a new domain, a new prepare
  });
  test("on arm64 the teardown is the ITS's own (its_msi_teardown)", () => {
    const { host } = boundHost("v6.18+fix", 8, "10.1", "arm64");
    const fd = openFd(host);
    setIrqs(fd, 0, [-1]);
    host.clearTrace();
    disableIrqs(fd);
    expect(teardowns(host.trace)).toEqual(["its_msi_teardown"]);
    expect(host.inspect(BDF).domain).toBeNull();
  });
});
