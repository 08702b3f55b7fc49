/** A host's profile is kernel × QEMU × platform, read from one feature table (src/model/profiles.ts). */

import {
  allProfileNames,
  createHost,
  describePlatform,
  describeQemu,
  type HostOptions,
  KERNEL_PROFILES,
  PLATFORMS,
  parseProfileName,
  profileName,
  QEMU_VERSIONS,
} from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { hostFeatures } from "../../src/model/profiles";
import { BDF, boundHost } from "./helpers";

describe("createHost({ kernel, qemu, platform })", () => {
  test("defaults to QEMU 10.1 on x86; host.profile says which, as a copy", () => {
    const host = createHost({ kernel: "v6.5" });
    expect(host.profile).toEqual({ kernel: "v6.5", qemu: "10.1", platform: "x86" });
    host.profile.qemu = "8.1";
    expect(host.profile.qemu).toBe("10.1");
    expect(createHost({ kernel: "v6.18", qemu: "8.2", platform: "arm64" }).profile).toEqual({
      kernel: "v6.18",
      qemu: "8.2",
      platform: "arm64",
    });
  });
  test("an unknown kernel, QEMU version or platform is a TypeError naming the valid ones", () => {
    const bad = (o: object) => () => createHost(o as HostOptions);
    expect(bad({ kernel: "v5" })).toThrow(/v6\.1, v6\.2, v6\.5, v6\.5\+fix, v6\.5\+warn, v6\.18, v6\.18\+fix/);
    expect(bad({ kernel: "v6.5", qemu: "9.0" })).toThrow(TypeError);
    expect(bad({ kernel: "v6.5", qemu: "9.0" })).toThrow(/8\.1, 8\.2, 10\.1/);
    expect(bad({ kernel: "v6.5", platform: "riscv" })).toThrow(/x86, arm64/);
    expect(bad({ kernel: "v6.5", qemu: 8.1 })).toThrow(TypeError);
  });
  test("the lists the explorer enumerates are exported", () => {
    expect(KERNEL_PROFILES).toEqual(["v6.1", "v6.2", "v6.5", "v6.5+fix", "v6.5+warn", "v6.18", "v6.18+fix"]);
    expect(QEMU_VERSIONS).toEqual(["8.1", "8.2", "10.1"]);
    expect(PLATFORMS).toEqual(["x86", "arm64"]);
    expect(describeQemu("8.1").features.noresizeHandling).toBe(false);
    expect(describePlatform("arm64").label).toMatch(/ITS/);
  });
});

describe("profile names", () => {
  test("a bare kernel means QEMU 10.1 on x86; the others add /qemu-<version> and /arm64", () => {
    expect(profileName({ kernel: "v6.5", qemu: "10.1", platform: "x86" })).toBe("v6.5");
    expect(profileName({ kernel: "v6.5", qemu: "8.1", platform: "x86" })).toBe("v6.5/qemu-8.1");
    expect(profileName({ kernel: "v6.18+fix", qemu: "8.2", platform: "arm64" })).toBe("v6.18+fix/qemu-8.2/arm64");
  });
  test("every name parses back to its profile; the spoken form reads the same", () => {
    const names = allProfileNames();
    expect(names).toHaveLength(KERNEL_PROFILES.length * QEMU_VERSIONS.length * PLATFORMS.length);
    for (const name of names) expect(profileName(parseProfileName(name)!)).toBe(name);
    expect(parseProfileName("v6.5, qemu 8.1")).toEqual({ kernel: "v6.5", qemu: "8.1", platform: "x86" });
    expect(parseProfileName("v6.18 arm64 qemu-8.2")).toEqual({ kernel: "v6.18", qemu: "8.2", platform: "arm64" });
    expect(parseProfileName("v6.5/qemu-10.1/x86")).toEqual({ kernel: "v6.5", qemu: "10.1", platform: "x86" });
  });
  test("unknown parts, repeated parts and a missing kernel are not names", () => {
    for (const bad of [
      "",
      "v6.4",
      "qemu-8.1",
      "v6.5/qemu-9.0",
      "v6.5/qemu",
      "v6.5/riscv",
      "v6.5/arm64/arm64",
      "v6.5/qemu-8.1/qemu-8.2",
    ]) {
      expect(parseProfileName(bad)).toBeNull();
    }
  });
});

describe("the feature table", () => {
  const f = (kernel: (typeof KERNEL_PROFILES)[number], platform: "x86" | "arm64") =>
    hostFeatures({ kernel, qemu: "10.1", platform });
  test("x86 gets per-device domains below an MSI parent from v6.2, with dynamic MSI-X", () => {
    expect([f("v6.1", "x86").msiParent, f("v6.2", "x86").msiParent, f("v6.5", "x86").msiParent]).toEqual([
      false,
      true,
      true,
    ]);
    expect(f("v6.5", "x86").parentAllocDyn).toBe(true);
  });
  test("arm64 gets them once the ITS is an MSI parent (v6.11: here v6.18), never with dynamic MSI-X", () => {
    expect([f("v6.5", "arm64").msiParent, f("v6.18", "arm64").msiParent]).toEqual([false, true]);
    expect(KERNEL_PROFILES.some((k) => f(k, "arm64").parentAllocDyn)).toBe(false);
  });
  test("arm64 before the ITS conversion: a global domain, so no stale hwsize; after it: the enable path", () => {
    const old = boundHost("v6.5", 8, "10.1", "arm64");
    const vm = old.host.qemu(BDF);
    vm.enableMsix();
    expect(old.host.inspect(BDF).domain).toBeNull();
    expect(vm.noresize).toBe(true);
    const cur = boundHost("v6.18", 8, "10.1", "arm64");
    cur.host.qemu(BDF).enableMsix();
    expect(cur.host.inspect(BDF)).toMatchObject({ domain: { hwsize: 8 }, hasDynMsix: false });
  });
});
