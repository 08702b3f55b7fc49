/** The seed matrix reads each row from a real run's trace: the path, where the error starts, the errno, QEMU's line. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SEED_MATRIX, seedMatrixRow } from "../src/matrix/seed-matrix";
import { runSnippetInNode } from "../src/node/run";
import { parseSnippet } from "../src/snippet/file";

const body = parseSnippet(
  readFileSync(join(import.meta.dirname, "..", "snippets", `${SEED_MATRIX.src}.ts`), "utf8"),
).body;
const row = (profile: string) => {
  const r = runSnippetInNode(body, profile);
  if (r.error) throw new Error(r.error.message);
  return seedMatrixRow(profile, r.hosts[0]!.trace);
};

describe("seedMatrixRow", () => {
  test("v6.5 with QEMU 8.1: the re-enable fails in msix_setup_msi_descs(), QEMU prints ioctl()'s -1", () => {
    expect(row("v6.5/qemu-8.1")).toEqual({
      profile: "v6.5/qemu-8.1",
      kernel: "v6.5",
      qemu: "8.1",
      platform: "x86",
      path: "re-enable",
      failsIn: ["msix_setup_msi_descs", "msi_domain_insert_msi_desc", "msi_insert_desc"],
      errno: "ERANGE",
      message: "vfio: failed to enable vectors, -1",
    });
  });
  test("v6.5 and v6.18 with QEMU 10.1 on x86: the dynamic add fails, through __msi_domain_alloc_irq_at() only on v6.18", () => {
    expect(row("v6.5")).toMatchObject({
      path: "dynamic",
      failsIn: ["pci_msix_alloc_irq_at", "msi_domain_alloc_irq_at", "msi_insert_desc"],
    });
    expect(row("v6.18")).toMatchObject({
      path: "dynamic",
      failsIn: ["msi_domain_alloc_irq_at", "__msi_domain_alloc_irq_at", "msi_insert_desc"],
    });
  });
  test("the fixed kernel works on both paths; arm64 re-enables, failing only once the ITS is an MSI parent", () => {
    expect(row("v6.5+fix")).toMatchObject({ path: "dynamic", errno: null, message: null, failsIn: [] });
    expect(row("v6.5+fix/qemu-8.1")).toMatchObject({ path: "re-enable", errno: null });
    expect(row("v6.5/arm64")).toMatchObject({ path: "re-enable", errno: null });
    expect(row("v6.18/arm64")).toMatchObject({
      path: "re-enable",
      errno: "ERANGE",
      failsIn: ["msix_setup_msi_descs", "msi_domain_insert_msi_desc", "msi_insert_desc"],
    });
  });
  test("refuses a name that is no profile, and a run without the scenario's last vector_use", () => {
    expect(() => seedMatrixRow("v9", [])).toThrow(TypeError);
    expect(() => seedMatrixRow("v6.5", [])).toThrow(/vfio_msix_vector_do_use/);
  });
});
