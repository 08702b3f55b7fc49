/** Every model function that stands for a kernel function cites its upstream source. */
import { join } from "node:path";
import { expect, test } from "vitest";
import { isKernelName, kernelMap } from "../src/node/kernel-map";

const map = kernelMap(join(import.meta.dirname, ".."));

test("kernel names are told apart from our own", () => {
  expect(["msi_insert_desc", "__pci_enable_msix_range", "vfio_msi_disable"].every(isKernelName)).toBe(true);
  expect(["createHost", "formatTrace", "inspect"].some(isKernelName)).toBe(false);
});

test("the map finds the functions the story turns on", () => {
  const names = map.flatMap((f) => f.functions.map((fn) => fn.name));
  for (const fn of [
    "msi_insert_desc",
    "msi_remove_device_irq_domain",
    "pci_setup_msix_device_domain",
    "vfio_msi_disable",
    "pci_msix_alloc_irq_at",
  ]) {
    expect(names).toContain(fn);
  }
});

test("every exported kernel-named function carries an @kernel citation", () => {
  const missing = map.flatMap((f) =>
    f.functions.filter((fn) => !fn.kernel).map((fn) => `${f.file}:${fn.line} ${fn.name}`),
  );
  expect(missing).toEqual([]);
});
