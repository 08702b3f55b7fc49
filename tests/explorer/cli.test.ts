/**
 * The explorer's command line: options, errors with a non-zero exit, JSON output, and the
 * `scripts/explore.mjs` launcher itself (run as `npm run explore` runs it).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import {
  allProfileNames,
  createHost,
  type HostProfile,
  KERNEL_PROFILES,
  PLATFORMS,
  parseProfileName,
  profileName,
  QEMU_VERSIONS,
} from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import {
  allProfiles,
  PROFILE_DIMENSIONS,
  selectProfiles,
  TESTED_PROFILES,
  UnknownProfileError,
} from "../../src/explorer/profiles";
import { main, parseArgs, UsageError } from "../../src/node/explorer/cli";

const root = join(import.meta.dirname, "..", "..");

async function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, {
    root,
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

describe("explore command line", () => {
  test("options", () => {
    expect(parseArgs([])).toMatchObject({ depth: 8, profiles: [], json: false, prune: true, closure: false });
    expect(parseArgs(["--depth", "3", "--profile", "v6.5,v6.1", "--profile=v6.2", "--json"])).toMatchObject({
      depth: 3,
      profiles: ["v6.5", "v6.1", "v6.2"],
      json: true,
    });
    expect(parseArgs(["--write-results"]).closure).toBe(true);
  });

  test.each([
    [["--bogus"], /unknown option --bogus/],
    [["--depth"], /--depth needs a value/],
    [["--depth", "eight"], /--depth must be a whole number/],
    [["--json=yes"], /--json takes no value/],
    [["v6.5"], /unexpected argument "v6.5"/],
    [["--write-results", "--profile", "v6.5"], /--write-results writes committed files/],
    [["--write-snippets", "--depth", "5"], /--write-snippets writes committed files/],
    [["--closure", "--no-prune"], /--closure needs pruning/],
  ])("%j is refused", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  test("an unknown option or profile: a message naming the valid ones, exit code 2, nothing written", async () => {
    const a = await run(["--bogus"]);
    expect(a).toMatchObject({ code: 2, out: "" });
    expect(a.err).toMatch(/explore: unknown option --bogus\nRun `npm run explore -- --help`/);
    const b = await run(["--profile", "v7.0"]);
    expect(b.code).toBe(2);
    expect(b.err).toContain(
      'unknown profile "v7.0"; a profile is a kernel (v6.1, v6.2, v6.5, v6.5+fix, v6.5+warn, v6.18, v6.18+fix), then /qemu-<version> unless QEMU 10.1 (8.1, 8.2, 10.1), then /<platform> unless x86 (x86, arm64)',
    );
    const c = await run(["--profile", "v6.5 qemu 8.1"]);
    expect(c.code).toBe(2);
    expect(c.err).toContain('profile "v6.5 qemu 8.1" is spelled "v6.5/qemu-8.1"');
  });

  test("--json gives profile, depth, sequences, states and per property holds or the counterexample's actions", async () => {
    const { code, out } = await run(["--json", "--depth", "2", "--profile", "v6.5"]);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.depth).toBe(2);
    expect(r.profiles).toHaveLength(1);
    expect(r.profiles[0]).toMatchObject({ profile: "v6.5", depth: 2 });
    expect(r.profiles[0].sequences).toBeGreaterThan(r.profiles[0].states);
    for (const p of r.profiles[0].properties) expect(p.holds || Array.isArray(p.counterexample.actions)).toBe(true);
  });

  test("the text report names every property with a verdict per profile", async () => {
    const { code, out } = await run(["--depth", "1", "--profile", "v6.1,v6.5"]);
    expect(code).toBe(0);
    expect(out).toContain("read-size-honoured: When the guest enables MSI-X");
    expect(out).toMatch(/ {2}v6\.1 +holds for every sequence up to depth 1/);
  });

  test("npm run explore: the launcher bundles the TypeScript and passes arguments and exit codes through", () => {
    const ok = spawnSync(process.execPath, [join(root, "scripts/explore.mjs"), "--json", "--depth", "1"], {
      encoding: "utf8",
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).profiles.map((p: { profile: string }) => p.profile)).toEqual(
      allProfiles().map((p) => p.name),
    );
    const bad = spawnSync(process.execPath, [join(root, "scripts/explore.mjs"), "--profile", "nope"], {
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown profile "nope"/);
  });
});

describe("profiles are data", () => {
  test("the model's three dimensions, its values and createHost()'s defaults", () => {
    expect(PROFILE_DIMENSIONS.map((d) => [d.option, d.values, d.default])).toEqual([
      ["kernel", KERNEL_PROFILES, undefined],
      ["qemu", QEMU_VERSIONS, "10.1"],
      ["platform", PLATFORMS, "x86"],
    ]);
    expect(allProfiles()).toHaveLength(KERNEL_PROFILES.length * QEMU_VERSIONS.length * PLATFORMS.length);
  });

  test("one naming: the explorer's profile names are the model's (profileName, parseProfileName)", () => {
    const names = allProfiles().map((p) => p.name);
    expect([...names].sort()).toEqual([...allProfileNames()].sort());
    for (const p of allProfiles()) {
      expect(p.name).toBe(profileName(p.options as unknown as HostProfile));
      expect(parseProfileName(p.name)).toEqual(p.options);
      expect(createHost(p.code as unknown as HostProfile).profile, p.name).toEqual(p.options);
    }
    expect(names.slice(0, 6)).toEqual([
      "v6.1/qemu-8.1",
      "v6.1/qemu-8.1/arm64",
      "v6.1/qemu-8.2",
      "v6.1/qemu-8.2/arm64",
      "v6.1",
      "v6.1/arm64",
    ]);
    expect(selectProfiles(["v6.5/qemu-8.1"])[0]!.code).toEqual({ kernel: "v6.5", qemu: "8.1" });
    expect(selectProfiles(["v6.5"])[0]!.code).toEqual({ kernel: "v6.5" });
  });

  test("the profiles npm test explores take every value of every dimension", () => {
    const tested = selectProfiles(TESTED_PROFILES);
    for (const d of PROFILE_DIMENSIONS) {
      expect(new Set(tested.map((p) => p.options[d.option])), d.option).toEqual(new Set(d.values));
    }
  });

  test("another dimension multiplies the profiles and joins the names", () => {
    const dims = [
      { option: "kernel", label: "Kernel", values: ["v6.5", "v6.5+fix"] },
      { option: "qemu", label: "QEMU", values: ["8.2", "10.1"] },
    ];
    const ps = allProfiles(dims);
    expect(ps.map((p) => p.name)).toEqual(["v6.5/8.2", "v6.5/10.1", "v6.5+fix/8.2", "v6.5+fix/10.1"]);
    expect(ps[1]!.options).toEqual({ kernel: "v6.5", qemu: "10.1" });
    expect(selectProfiles(["v6.5+fix/10.1"], dims)[0]!.options).toEqual({ kernel: "v6.5+fix", qemu: "10.1" });
    expect(() => selectProfiles(["v6.5"], dims)).toThrow(UnknownProfileError);
  });
});
