/**
 * Every model function that stands for a kernel function cites its upstream source, and the
 * map page shows those citations as a reader needs them: linked, and without private keys.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";
import { visit } from "unist-util-visit";
import { describe, expect, test } from "vitest";
import { KERNEL } from "../src/model";
import { citedVersion, DEFAULT_KERNEL, renderCitation, SOURCE_KEYS } from "../src/node/citations";
import { inSection, isKernelName, kernelMap } from "../src/node/kernel-map";
import { parseMdx } from "../src/node/mdx";
import { linkForm } from "../src/node/sources";

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

describe("the map as readers see it", () => {
  const render = (tag: string, fallback?: { kernel?: string; qemu?: string }) =>
    renderCitation(tag, fallback)
      .map((p) => p.text)
      .join("");

  test("private citation keys become the versions they stand for", () => {
    expect(render("kernel/irq/msi.c; sources T1, I, K")).toBe(
      "kernel/irq/msi.c (file as of v6.5); read in ≈v6.2–v6.4, ≈v6.12 and v6.16 or later",
    );
    expect(render("drivers/pci/msi/irqdomain.c (v6.2+; sources T2 < v6.16, GIRQ > v6.16: same logic)")).toBe(
      "drivers/pci/msi/irqdomain.c (v6.2+; read in a copy before v6.16 and a copy after v6.16: same logic)",
    );
    expect(render("drivers/vfio/pci/vfio_pci_intrs.c (G617 = v6.17.8 has no removal line)")).toContain("(v6.17.8 has");
    expect(render("drivers/vfio/pci/vfio_pci_core.c; G71")).toContain("read in v7.1-rc4");
  });

  test("each cited file links to the file at the version the citation names, or says which it defaults to", () => {
    const links = (tag: string, fallback?: { kernel?: string }) =>
      renderCitation(tag, fallback).flatMap((p) => (p.kind === "link" ? [p.href] : []));
    expect(links("kernel/irq/msi.c (v6.2+: range check)")).toEqual([
      "https://elixir.bootlin.com/linux/v6.2/source/kernel/irq/msi.c",
    ]);
    expect(links("drivers/base/bus.c")).toEqual(["https://elixir.bootlin.com/linux/v6.5/source/drivers/base/bus.c"]);
    expect(render("drivers/base/bus.c")).toBe("drivers/base/bus.c (file as of v6.5)");
    // A function's tag without a version inherits its file's.
    expect(links("drivers/vfio/group.c", { kernel: "v6.17.8" })).toEqual([
      "https://elixir.bootlin.com/linux/v6.17.8/source/drivers/vfio/group.c",
    ]);
    expect(links("hw/vfio/pci.c (QEMU 8.1)")).toEqual([
      "https://gitlab.com/qemu-project/qemu/-/blob/v8.1.0/hw/vfio/pci.c",
    ]);
    expect(links("patch: Message-ID 20230914191406.54656-1-shannon.nelson@amd.com")).toEqual([
      "https://lore.kernel.org/r/20230914191406.54656-1-shannon.nelson@amd.com",
    ]);
  });

  test("the default release is the model's default kernel", () => {
    expect(KERNEL.startsWith(DEFAULT_KERNEL)).toBe(true);
  });

  test("no citation on the page shows a private key or a note to ourselves, and every file and Message-ID is a link", () => {
    const keys = new RegExp(`\\b(${Object.keys(SOURCE_KEYS).join("|")})\\b|UNVERIFIED|kernel-facts`);
    const bad: string[] = [];
    for (const f of map) {
      const fileVersion = citedVersion(f.kernel);
      const cites = [
        { where: f.file, parts: renderCitation(f.kernel) },
        ...f.functions.map((fn) => ({ where: `${f.file} ${fn.name}`, parts: renderCitation(fn.kernel, fileVersion) })),
      ];
      for (const { where, parts } of cites) {
        for (const p of parts) {
          if (p.kind === "link") {
            if (!linkForm(p.href)) bad.push(`${where}: ${p.href} is not an allowed source link`);
            continue;
          }
          if (keys.test(p.text)) bad.push(`${where}: "${p.text}" shows a private key or note`);
          if (/@|\b(drivers|kernel|include)\/\S+\.[ch]\b/.test(p.text)) bad.push(`${where}: "${p.text}" is not linked`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  test("every model file the map shows belongs to a section of the page, and only one", () => {
    const page = parseMdx(
      readFileSync(join(import.meta.dirname, "../docs/content/docs/reference/kernel-map.mdx"), "utf8"),
    );
    const sections: string[][] = [];
    visit(page, "mdxJsxFlowElement", (el: MdxJsxFlowElement) => {
      if (el.name !== "KernelMap") return;
      const under = el.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === "under");
      sections.push(typeof under?.value === "string" ? under.value.split(/\s+/).filter(Boolean) : []);
    });
    expect(sections.length).toBeGreaterThan(3);
    const shown = map.filter((f) => f.functions.length > 0 || f.kernel);
    const counts = shown.map((f) => `${f.file}: ${sections.filter((s) => inSection(f.file, s)).length}`);
    expect(counts).toEqual(shown.map((f) => `${f.file}: 1`));
  });
});
