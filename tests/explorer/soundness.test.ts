/**
 * Pruning loses nothing: on each profile npm test searches (TESTED_PROFILES: every value of
 * every dimension; all 42 would take minutes), plain enumeration (every sequence run on its own, no
 * state hash) and the pruned search agree on the number of sequences, the distinct states, the
 * shortest counterexample of every property and the shortest sequence reaching every transition.
 * This is what makes "same canonical state, same future" a checked claim rather than a hope.
 *
 * Both searches are run now, or read back when no file they import has changed since they ran
 * (src/node/explorer/search-cache.ts).
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { explore, type ProfileResult } from "../../src/explorer/explore";
import { selectProfiles, TESTED_PROFILES } from "../../src/explorer/profiles";
import { cachedSearch } from "../../src/node/explorer/search-cache";

const root = join(import.meta.dirname, "..", "..");
const profiles = selectProfiles(TESTED_PROFILES);

describe("pruning loses nothing: plain enumeration finds the same", () => {
  const depth = 5;
  const summary = (r: ProfileResult) => ({
    sequences: r.sequences,
    states: r.states,
    steps: r.steps,
    verdicts: r.properties.map((p) => [p.name, p.holds ? "holds" : p.counterexample!.actions.length]),
    transitions: r.transitions.map((t) => [t.id, t.actions.length]),
  });
  for (const p of profiles) {
    test(`${p.name}, every sequence up to ${depth} actions`, () => {
      const { value, reused } = cachedSearch(
        { root, entries: ["src/explorer/explore.ts", "src/explorer/profiles.ts"] },
        `soundness-${p.name}`,
        { profile: p.name, depth },
        () => ({ plain: summary(explore(p, { depth, prune: false })), pruned: summary(explore(p, { depth })) }),
      );
      const { steps: plainSteps, ...plain } = value.plain;
      const { steps: prunedSteps, ...pruned } = value.pruned;
      expect(pruned, reused ? "(both searches read back from the cache)" : undefined).toEqual(plain);
      expect(plainSteps).toBe(plain.sequences);
      expect(prunedSteps).toBeLessThan(plainSteps / 5);
    }, 60_000); // ~4,000 plain runs: seconds of CPU, more on a loaded 2-core machine
  }
});
