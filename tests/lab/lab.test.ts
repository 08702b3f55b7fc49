/**
 * The lab's pure parts: the program it runs in the worker (here through the docs runner's Node
 * core), the reports it reads back, the snippet it offers to copy, and its links.
 */

import { KERNEL_PROFILES } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { type ActionSpec, parseAction } from "../../src/explorer/alphabet";
import { allProfiles, selectProfiles } from "../../src/explorer/profiles";
import { playedOutput } from "../../src/explorer/snippet";
import { type LabProfile, labProgramBody, labSnippet } from "../../src/lab/program";
import { decodeSession, encodeSession, LabDataError, parseReports, playSession } from "../../src/lab/session";
import { runSnippetInNode } from "../../src/node/run";

const ids = (list: string) => list.split(",").map((id) => parseAction(id) as ActionSpec);
/** The lab's profile of a name, as the page lists it (full options, the code's short ones). */
const profile = (name: string): LabProfile => selectProfiles([name])[0]!;
const SEED = ids("open,enable,use 0,use 1,use 7,shutdown,firmware 64,open,enable,use 8");

function play(name: string, actions: ActionSpec[]) {
  const run = runSnippetInNode(labProgramBody(profile(name), actions), name);
  expect(run.error).toBeUndefined();
  const reports = parseReports(run.output, actions.length);
  return { run, reports, played: playSession(actions, reports) };
}

describe("the lab program", () => {
  test("the seed scenario fails with -ERANGE on v6.5 and not on v6.5+fix", () => {
    const bug = play("v6.5", SEED);
    expect(bug.reports.at(-1)?.printed).toEqual(["guest uses vector 8            -34 ERANGE"]);
    const fix = play("v6.5+fix", SEED);
    expect(fix.reports.at(-1)?.printed.join("")).not.toContain("ERANGE");
    expect(fix.reports.at(-1)?.ret).toBe(0);
  });

  test("prints what the explorer's own world prints, on every profile", () => {
    const actions = ids(
      "open,enable,use 0,firmware 64,shutdown,open,enable,use 63,disable,sysfs 64,shutdown,unbind,bind",
    );
    for (const p of allProfiles()) {
      const { reports } = play(p.name, actions);
      const printed = reports.slice(1).flatMap((r) => r.printed);
      const expected = playedOutput(
        p,
        actions.map((a) => a.id),
      );
      // playedOutput ends with the final state line, which the lab draws instead of printing.
      expect(printed.join("\n")).toBe(expected?.split("\n").slice(0, -1).join("\n"));
    }
  });

  test("a copied snippet, run by the docs runner, makes the lab's trace and prints its steps", () => {
    const names = [...KERNEL_PROFILES, "v6.5/qemu-8.1", "v6.5/qemu-8.2", "v6.18/arm64", "v6.2/qemu-8.1/arm64"];
    for (const name of names) {
      const lab = play(name, SEED);
      const printed = lab.reports
        .slice(1)
        .flatMap((r) => r.printed)
        .join("\n");
      const code = labSnippet(profile(name), SEED, printed);
      // The snippet's own createHost() options, not a profile the runner binds, give the profile.
      const snippet = runSnippetInNode(code, "v6.1");
      expect(snippet.error, name).toBeUndefined();
      expect(snippet.output, name).toBe(printed);
      expect(snippet.hosts[0].trace, name).toEqual(lab.run.hosts[0].trace);
      expect(snippet.hosts[0].profile, name).toEqual(profile(name).options);
    }
  });

  test("the copied code writes the kernel and only the options that are not createHost()'s defaults", () => {
    expect(labSnippet(profile("v6.5"), [])).toContain('createHost({ kernel: "v6.5" });');
    expect(labSnippet(profile("v6.5/qemu-8.1"), [])).toContain('createHost({ kernel: "v6.5", qemu: "8.1" });');
    expect(labSnippet(profile("v6.18/arm64"), [])).toContain('createHost({ kernel: "v6.18", platform: "arm64" });');
    expect(labSnippet(profile("v6.2/qemu-8.2/arm64"), [])).toContain(
      'createHost({ kernel: "v6.2", qemu: "8.2", platform: "arm64" });',
    );
  });

  test("the seed scenario as reported (v6.5, QEMU 8.1) fails on the enable path; QEMU 10.1 on the dynamic path", () => {
    const path = (name: string) => {
      const { run, reports } = play(name, SEED);
      const last = reports.at(-1)!;
      expect(last.printed, name).toEqual(["guest uses vector 8            -34 ERANGE"]);
      return run.hosts[0].trace.slice(last.from, last.to).map((e) => e.fn);
    };
    const enable = path("v6.5/qemu-8.1");
    expect(enable).toEqual(
      expect.arrayContaining(["vfio_msi_enable", "msix_capability_init", "msix_setup_msi_descs", "msi_insert_desc"]),
    );
    expect(enable).not.toContain("pci_msix_alloc_irq_at");
    const dynamic = path("v6.5");
    expect(dynamic).toEqual(
      expect.arrayContaining(["pci_msix_alloc_irq_at", "msi_domain_alloc_irq_at", "msi_insert_desc"]),
    );
    expect(dynamic).not.toContain("msix_capability_init");
    // arm64: the ITS has no dynamic MSI-X, vfio-pci reports NORESIZE, QEMU 10.1 re-enables.
    expect(path("v6.18/arm64")).toEqual(expect.arrayContaining(["msix_capability_init", "msi_insert_desc"]));
    // Before v6.11 the ITS is no MSI parent: no per-device domain on arm64, nothing to go stale.
    expect(play("v6.5/arm64", SEED).reports.at(-1)?.ret).toBe(0);
  });

  test("an impossible step is refused with its reason", () => {
    const actions = ids("open,use 3");
    const run = runSnippetInNode(labProgramBody(profile("v6.5"), actions), "v6.5");
    // The program itself may fail at the impossible step; whatever it reports is refused.
    expect(() => playSession(actions, parseReports(run.output, actions.length))).toThrow(
      /^step 2 \(“the guest unmasks vector 3”\) is not possible there: the guest has not enabled MSI-X$/,
    );
    const ok = ids("open,enable");
    const r = play("v6.5", ok);
    expect(parseAction("use 8")?.why(r.played.views[2])).toBe("QEMU read 8 entries: the guest sees no vector 8");
  });

  test("malformed reports are refused", () => {
    expect(() => parseReports('{"lab":0,"ret":"x"}', 0)).toThrow(/report 0 is not valid/);
    expect(() => parseReports('{"lab":', 0)).toThrow(/not JSON/);
    expect(() => playSession([], parseReports("", 0))).toThrow(/before the starting point/);
    expect(() => playSession(ids("open"), parseReports(play("v6.5", []).run.output, 1))).toThrow(/stopped at step 1/);
  });
});

describe("lab links", () => {
  const names = allProfiles();
  test("round trip", () => {
    const query = encodeSession("v6.5+fix", SEED);
    const back = decodeSession(query, names);
    expect(back?.profile).toBe("v6.5+fix");
    expect(back?.actions.map((a) => a.id)).toEqual(SEED.map((a) => a.id));
    expect(decodeSession("", names)).toBeNull();
    expect(decodeSession("?profile=v6.5&actions=", names)?.actions).toEqual([]);
    // A link that only picks a profile opens the lab on it, with no actions yet.
    expect(decodeSession("?profile=v6.18/arm64", names)).toEqual({ profile: "v6.18/arm64", actions: [] });
  });

  test("a link carries the QEMU version and the platform in the model's profile name, readably", () => {
    for (const name of ["v6.5/qemu-8.1", "v6.18/arm64", "v6.2/qemu-8.2/arm64"]) {
      const query = encodeSession(name, SEED.slice(0, 2));
      expect(query).toBe(`?profile=${name}&actions=open%2Cenable`);
      expect(decodeSession(query, names)?.profile).toBe(name);
      // Encoded by hand or by another tool, the slashes decode the same.
      expect(decodeSession(query.replaceAll("/", "%2F"), names)?.profile).toBe(name);
    }
  });

  test.each([
    ["?profile=v9.9&actions=open", /kernel “v9.9”, which the model does not have \(it has v6.1, v6.2, v6.5,/],
    ["?profile=v6.5/qemu-9.0&actions=open", /QEMU “9.0”, which the model does not have \(it has 8.1, 8.2, 10.1\)/],
    [
      "?profile=v6.5/riscv&actions=open",
      /“riscv” after the kernel, which is neither qemu-<version> nor a platform \(x86, arm64\)/,
    ],
    ["?profile=v6.5/qemu-10.1&actions=open", /“v6.5\/qemu-10.1”, which is not how the model names a profile/],
    ["?profile=v6.5/arm64/qemu-8.1&actions=open", /not how the model names a profile/],
    ["?profile=v6.5&qemu=8.1&actions=open", /does not know: qemu/],
    ["?profile=v6.5&actions=open,launch", /“launch”, is not an action/],
    ["?profile=v6.5&actions=use+08", /“use 08”/],
    ["?profile=v6.5&actions=use+2048", /“use 2048”/],
    ["?profile=v6.5&actions=firmware+0", /“firmware 0”/],
    ["?profile=v6.5&actions=open&code=alert(1)", /does not know: code/],
    ["?profile=v6.5&profile=v6.1&actions=open", /one profile/],
    ["?actions=open", /one profile, and at most one list of actions/],
    ["?profile=v6.5&actions=open&actions=enable", /at most one list of actions/],
    [`?profile=v6.5&actions=${Array(65).fill("open").join(",")}`, /at most 64/],
    ["?%E0%A4%A", /does not know/],
  ])("%s is refused clearly", (query, message) => {
    expect(() => decodeSession(query, names)).toThrow(message);
    expect(() => decodeSession(query, names)).toThrow(LabDataError);
  });
});
