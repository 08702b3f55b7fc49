/**
 * Pruning loses nothing: on each profile npm test searches (TESTED_PROFILES: every value of
 * every dimension; all 42 would take minutes), plain enumeration (every sequence run on its own, no
 * state hash) and the pruned search agree on the number of sequences, the distinct states, the
 * shortest counterexample of every property and the shortest sequence reaching every transition.
 * This is what makes "same canonical state, same future" a checked claim rather than a hope.
 */
import { describe, expect, test } from "vitest";
import { explore, type ProfileResult } from "../../src/explorer/explore";
import { selectProfiles, TESTED_PROFILES } from "../../src/explorer/profiles";

const profiles = selectProfiles(TESTED_PROFILES);

describe("pruning loses nothing: plain enumeration finds the same", () => {
  const depth = 5;
  const summary = (r: ProfileResult) => ({
    sequences: r.sequences,
    states: r.states,
    verdicts: r.properties.map((p) => [p.name, p.holds ? "holds" : p.counterexample!.actions.length]),
    transitions: r.transitions.map((t) => [t.id, t.actions.length]),
  });
  for (const p of profiles) {
    test(`${p.name}, every sequence up to ${depth} actions`, () => {
      const plain = explore(p, { depth, prune: false });
      const pruned = explore(p, { depth });
      expect(summary(pruned)).toEqual(summary(plain));
      expect(plain.steps).toBe(plain.sequences);
      expect(pruned.steps).toBeLessThan(plain.steps / 5);
    }, 60_000); // ~4,000 plain runs: seconds of CPU, more on a loaded 2-core machine
  }
});
