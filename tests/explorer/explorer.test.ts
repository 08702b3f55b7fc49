/**
 * The explorer: its committed results and snippets are what it finds now, its counterexamples
 * are real and the ones the pages describe, pruning loses nothing against plain enumeration, and
 * every check it makes can fail.
 *
 * The exhaustive search with closure costs seconds of CPU per profile, and there are 42
 * profiles (kernel × QEMU × platform): `npm test` searches TESTED_PROFILES (every kernel on the
 * default QEMU and platform, plus one profile for each other QEMU version and platform; every
 * value of every dimension) and checks their entries of the committed file; for every other
 * profile it replays each committed counterexample, which must break its property at its last
 * step. `npm run explore -- --write-results` searches all of them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createHost, type Host } from "msi-lifecycle";
import { describe, expect, test } from "vitest";
import { explore, type ProfileResult, playSequence } from "../../src/explorer/explore";
import { allProfiles, type Profile, selectProfiles, TESTED_PROFILES } from "../../src/explorer/profiles";
import { PROPERTY_NAMES } from "../../src/explorer/properties";
import { SNIPPET_DIR } from "../../src/explorer/snippet";
import {
  CLOSURE_LIMIT,
  DEFAULT_DEPTH,
  exploreAll,
  RESULTS_FILE,
  resultsFile,
  snippetsFor,
} from "../../src/node/explorer/cli";
import { cachedSearch } from "../../src/node/explorer/search-cache";

const root = join(import.meta.dirname, "..", "..");
const profiles = allProfiles();
// Searched now, or read back when no file the search imports has changed since (search-cache.ts).
const search = cachedSearch(
  { root, entries: ["src/node/explorer/cli.ts"] },
  "explore-tested-profiles",
  { profiles: TESTED_PROFILES, depth: DEFAULT_DEPTH, closure: CLOSURE_LIMIT },
  () => exploreAll(selectProfiles(TESTED_PROFILES)),
);
const results = search.value;
const committed: ReturnType<typeof resultsFile> = JSON.parse(readFileSync(join(root, RESULTS_FILE), "utf8"));
const byName = (name: string): ProfileResult => results.find((r) => r.profile === name)!;
const verdict = (profile: string, property: string) => byName(profile).properties.find((p) => p.name === property)!;
const profile = (name: string): Profile => selectProfiles([name])[0]!;

/** The seed scenario in the explorer's alphabet (its first VM uses vectors 0 and 7 of the 8). */
const SEED = ["open", "enable", "use 0", "use 7", "shutdown", "firmware 64", "open", "enable", "use 8"];

describe(`the committed results (search ${search.reused ? "reused: no input changed since it ran" : "run now"})`, () => {
  test(`${RESULTS_FILE} is what the explorer finds now (on the profiles npm test searches)`, () => {
    const stale = `${RESULTS_FILE} is out of date: run \`npm run explore -- --write-results\` and review the diff`;
    const { profiles: fresh, ...header } = resultsFile(results, DEFAULT_DEPTH);
    const { profiles: all, ...committedHeader } = committed;
    expect(header, stale).toEqual(committedHeader);
    expect(
      all.map((r) => r.profile),
      stale,
    ).toEqual(profiles.map((p) => p.name));
    for (const r of fresh)
      expect(
        all.find((c) => c.profile === r.profile),
        `${stale} (${r.profile})`,
      ).toEqual(r);
  });

  test(`every counterexample in ${RESULTS_FILE}, on every profile, breaks its property at its last step`, () => {
    for (const r of committed.profiles) {
      for (const v of r.properties) {
        if (v.holds || v.name === "same-sequence-same-trace") continue;
        const actions = v.counterexample!.actions;
        const hit = playSequence(profile(r.profile), actions).find((x) => x.name === v.name);
        expect(hit?.step, `${v.name} on ${r.profile}`).toBe(actions.length);
        expect(hit?.failure, `${v.name} on ${r.profile}`).toBe(v.counterexample!.failure);
      }
    }
  });

  test(`the counterexample snippets in ${SNIPPET_DIR}/ are what --write-snippets writes now`, () => {
    const want = snippetsFor(results, profiles);
    const have = readdirSync(join(root, SNIPPET_DIR)).map((f) => `${SNIPPET_DIR}/${f}`);
    expect(have.sort(), "run `npm run explore -- --write-snippets`, delete stale files").toEqual(
      [...want.keys()].sort(),
    );
    for (const [file, text] of want) {
      expect(readFileSync(join(root, file), "utf8"), `${file}: run \`npm run explore -- --write-snippets\``).toBe(text);
    }
  });
});

describe("what the explorer finds (docs/content/docs/the-bug/explored.mdx describes these)", () => {
  test("on v6.5 the shortest sequence that breaks read-size-honoured is the seed scenario without the first VM's vector uses", () => {
    const v = verdict("v6.5", "read-size-honoured");
    expect(v.holds).toBe(false);
    expect(v.counterexample?.actions).toEqual(["open", "enable", "shutdown", "firmware 64", "open", "enable", "use 8"]);
    expect(v.counterexample?.failure).toMatch(/-34 ERANGE/);
  });

  test("the seed scenario itself breaks read-size-honoured at its last step on v6.5, and not on v6.5+fix", () => {
    expect(playSequence(profile("v6.5"), SEED).filter((x) => x.name === "read-size-honoured")).toEqual([
      expect.objectContaining({ step: SEED.length }),
    ]);
    expect(playSequence(profile("v6.5+fix"), SEED)).toEqual([]);
  });

  test("read-size-honoured holds on v6.1 and v6.5+fix, for sequences of any length (the state space closes)", () => {
    for (const p of ["v6.1", "v6.5+fix"]) {
      expect(verdict(p, "read-size-honoured").holds, p).toBe(true);
      expect(byName(p).closure.closedAt, p).not.toBeNull();
      expect(byName(p).closure.beyond, p).toEqual([]);
    }
  });

  test("v6.2 and v6.5+warn break it with the same seven actions", () => {
    for (const p of ["v6.2", "v6.5+warn"]) {
      expect(verdict(p, "read-size-honoured").counterexample?.actions, p).toEqual(
        verdict("v6.5", "read-size-honoured").counterexample?.actions,
      );
    }
  });

  test("domain-fresh-at-enable breaks after five actions on v6.5: disable, shrink, enable", () => {
    expect(verdict("v6.5", "domain-fresh-at-enable").counterexample?.actions).toEqual([
      "open",
      "enable",
      "disable",
      "firmware 4",
      "enable",
    ]);
  });

  test("the same seven actions break read-size-honoured whatever QEMU or platform takes the failing path", () => {
    const seven = verdict("v6.5", "read-size-honoured").counterexample?.actions;
    for (const p of ["v6.5/qemu-8.1", "v6.5/qemu-8.2", "v6.18/arm64"]) {
      expect(verdict(p, "read-size-honoured").counterexample?.actions, p).toEqual(seven);
    }
    // Before v6.11 the ITS is no MSI parent: on arm64 there is no per-device domain to go stale.
    for (const p of ["v6.5/arm64", "v6.2/qemu-8.1/arm64"]) {
      expect(playSequence(profile(p), seven!), p).toEqual([]);
    }
  });

  test("with QEMU 8.2.0 the patch keeps a stale domain: the guest's disable with no vector in use clears nothing", () => {
    const five = verdict("v6.5", "domain-fresh-at-enable").counterexample!.actions;
    for (const p of ["v6.5+fix/qemu-8.2", "v6.18+fix/qemu-8.2"]) {
      expect(
        playSequence(profile(p), five).map((v) => [v.name, v.step]),
        p,
      ).toEqual([["domain-fresh-at-enable", five.length]]);
    }
    for (const p of ["v6.5+fix", "v6.5+fix/qemu-8.1"]) expect(playSequence(profile(p), five), p).toEqual([]);
  });

  test("on v6.5+fix, -ERANGE is still reachable when the table changes while MSI-X is enabled", () => {
    expect(byName("v6.5+fix").transitions.find((t) => t.id === "descriptor-refused-erange")?.actions).toEqual([
      "open",
      "firmware 4",
      "enable",
      "firmware 8",
      "use 7",
    ]);
  });

  test("every counterexample, played alone, breaks its property at its last step", () => {
    for (const r of results) {
      for (const v of r.properties) {
        if (v.holds || v.name === "same-sequence-same-trace") continue;
        const actions = v.counterexample!.actions;
        const hit = playSequence(profile(r.profile), actions).find((x) => x.name === v.name);
        expect(hit?.step, `${v.name} on ${r.profile}`).toBe(actions.length);
      }
    }
  });

  test("every profile explores the same number of sequences, and the closure searched past the depth", () => {
    for (const r of results) {
      expect(r.sequences).toBe(results[0]!.sequences);
      expect(r.closure.searched).toBeGreaterThan(r.depth);
      // The page says every kernel's search closes, so that "holds" is for any length.
      expect(r.closure.closedAt, r.profile).not.toBeNull();
      expect(r.closure.states).toBeGreaterThanOrEqual(r.states);
    }
  });
});

describe("the checks can fail", () => {
  test("same-sequence-same-trace: a host that behaves differently on every other creation is caught", () => {
    let created = 0;
    const flaky = (p: Profile): Host => {
      const host = createHost(p.options as { kernel: "v6.5" });
      const odd = created++ % 2 === 1;
      return new Proxy(host, {
        get(target, key) {
          if (key === "addVf") {
            return (bdf: string, o: { msixTableSize: number }) =>
              target.addVf(bdf, { ...o, msixTableSize: odd ? o.msixTableSize + 1 : o.msixTableSize });
          }
          const v = Reflect.get(target, key, target);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    };
    const r = explore(profile("v6.5"), { depth: 2, makeHost: flaky });
    expect(r.properties.find((p) => p.name === "same-sequence-same-trace")?.holds).toBe(false);
    const honest = explore(profile("v6.5"), { depth: 2 });
    expect(honest.properties.find((p) => p.name === "same-sequence-same-trace")?.holds).toBe(true);
  });

  test("errors-are-errnos: an action that throws is reported, not fatal", () => {
    const throwing = (p: Profile): Host => {
      const host = createHost(p.options as { kernel: "v6.5" });
      return new Proxy(host, {
        get(target, key) {
          if (key === "qemu") {
            return () => {
              throw new Error("boom");
            };
          }
          const v = Reflect.get(target, key, target);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
    };
    const r = explore(profile("v6.5"), { depth: 1, makeHost: throwing });
    const v = r.properties.find((p) => p.name === "errors-are-errnos");
    expect(v?.counterexample).toEqual({ actions: ["open"], failure: "threw Error: boom" });
  });

  test("every property is reported for every profile", () => {
    for (const r of results) expect(r.properties.map((p) => p.name)).toEqual(PROPERTY_NAMES);
  });
});
