/**
 * Breadth-first exploration of every action sequence up to a depth, on one profile.
 *
 * A state is branched from with host.fork(), a copy of the whole machine; once per state the
 * sequence that reached it is also replayed on a fresh host and checked against the first run's
 * trace, step by step (the model is deterministic, and a fork must change nothing). With
 * pruning, a sequence that reaches a canonical state already seen is not extended: its
 * future is the same as the earlier, shorter one's. Because the search goes depth by depth and
 * checks every action from every kept state, the first violation it meets for a property is a
 * shortest one. Without pruning, every sequence is run (depth-first, to keep memory small).
 */

import { ACTIONS, actionById, createWorld, type HostFactory } from "./actions";
import type { Profile } from "./profiles";
import { factsOf, PROPERTIES, PROPERTY_NAMES, playStep } from "./properties";
import { type Counterexample, enabledIn, fingerprint, type Node, type Search } from "./search";
import { TRANSITIONS } from "./transitions";
import { countSequences, walkPlain, walkPruned } from "./walks";

export type { Counterexample } from "./search";

export interface PropertyResult {
  name: string;
  holds: boolean;
  counterexample?: Counterexample;
}

/** What one exploration found. */
export interface ProfileResult {
  profile: string;
  depth: number;
  /** Action sequences of length 1..depth: what plain enumeration runs one by one. */
  sequences: number;
  /** Distinct canonical states reached within `depth` (the starting state included). */
  states: number;
  /** Steps the search checked within `depth` (pruned: one per kept state and action; plain: one per sequence). */
  steps: number;
  /** Actions executed within `depth` in all, counting the replays that bring a state back. */
  actionsRun: number;
  /** Verdicts up to `depth`. */
  properties: PropertyResult[];
  /** Each lifecycle transition reached within `depth`, with a shortest sequence that reaches it. */
  transitions: { id: string; actions: string[] }[];
  /**
   * Whether the search ran out of new states, and where. When `closedAt` is a number, every state
   * reachable with the alphabet was checked, with every action: a property that holds then holds
   * for sequences of any length. Searched up to `searched` (>= depth) actions; a property broken only
   * by a sequence longer than `depth` is listed in `beyond`.
   */
  closure: { searched: number; closedAt: number | null; states: number; beyond: { name: string; length: number }[] };
  /** Wall time in milliseconds (not part of the committed results). */
  ms: number;
}

export interface ExploreOptions {
  depth: number;
  /** Prune with the canonical state hash (default true). */
  prune?: boolean;
  /**
   * With pruning: keep searching past `depth`, up to this many actions, to find out whether the
   * state space closes (see ProfileResult.closure). Default: `depth`.
   */
  closureDepth?: number;
  /** A clock for `ms`; the explorer itself never reads one. Default: no timing (0). */
  now?: () => number;
  /** Makes each host (default: createHost() with the profile's options). */
  makeHost?: HostFactory;
}

/** Checks the depths: whole numbers >= 0. */
function checkDepths(depth: number, limit: number): void {
  for (const [name, v] of [
    ["depth", depth],
    ["closureDepth", limit],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${v}`);
  }
}

/** What a walk measured, before the verdicts are read off the search. */
interface Walked {
  sequences: number;
  states: number;
  allStates: number;
  closedAt: number | null;
  limit: number;
}

/** The result of a finished search: verdicts and transitions within its depth, the rest beyond. */
function assemble(s: Search, w: Walked, ms: number): ProfileResult {
  const { depth, found, reach } = s;
  const within = (c: Counterexample | undefined) => c !== undefined && c.actions.length <= depth;
  return {
    profile: s.profile.name,
    depth,
    sequences: w.sequences,
    states: w.states,
    steps: s.steps,
    actionsRun: s.actionsRun,
    properties: PROPERTY_NAMES.map((name) => {
      const c = found.get(name);
      return within(c) ? { name, holds: false, counterexample: c } : { name, holds: true };
    }),
    transitions: TRANSITIONS.filter((t) => (reach.get(t.id)?.length ?? Infinity) <= depth).map((t) => ({
      id: t.id,
      actions: reach.get(t.id)!,
    })),
    closure: {
      searched: w.limit,
      closedAt: w.closedAt,
      states: w.allStates,
      beyond: PROPERTY_NAMES.flatMap((name) => {
        const c = found.get(name);
        return c && !within(c) ? [{ name, length: c.actions.length }] : [];
      }),
    },
    ms,
  };
}

/** Explores `profile` to `opts.depth`; see the file comment. */
export function explore(profile: Profile, opts: ExploreOptions): ProfileResult {
  const { depth } = opts;
  const prune = opts.prune ?? true;
  const limit = prune ? Math.max(depth, opts.closureDepth ?? depth) : depth;
  checkDepths(depth, limit);
  const now = opts.now ?? (() => 0);
  const t0 = now();
  const s: Search = {
    profile,
    makeHost: opts.makeHost,
    depth,
    found: new Map(),
    reach: new Map(),
    actionsRun: 0,
    steps: 0,
    current: 0,
  };
  const root = createWorld(profile, opts.makeHost);
  const rootNode: Node = {
    path: [],
    fps: [fingerprint(root.host.trace)],
    facts: factsOf(root),
    world: root,
    enabled: enabledIn(root),
  };
  let walked: Walked;
  if (prune) {
    const w = walkPruned(s, rootNode, limit);
    const states = w.sizeAt[Math.min(depth, w.sizeAt.length - 1)]!;
    const sequences = countSequences(w.edges, depth);
    walked = { sequences, states, allStates: w.allStates, closedAt: w.closedAt, limit };
  } else {
    const w = walkPlain(s, rootNode, root);
    walked = { sequences: w.sequences, states: w.states, allStates: w.states, closedAt: null, limit };
  }
  return assemble(s, walked, now() - t0);
}

/** A property broken at one step of a played sequence. */
export interface Violation {
  name: string;
  /** 1-based step. */
  step: number;
  failure: string;
}

/**
 * Plays `actions` (ids) once on a fresh host and returns every property it breaks, step by step.
 * Throws for an unknown id or an action whose condition does not hold where it is played.
 */
export function playSequence(profile: Profile, actions: readonly string[]): Violation[] {
  const w = createWorld(profile);
  const out: Violation[] = [];
  actions.forEach((id, i) => {
    const action = actionById(id);
    if (!action) throw new Error(`unknown action "${id}"; known: ${ACTIONS.map((a) => a.id).join(", ")}`);
    if (!action.enabled(w)) throw new Error(`step ${i + 1}, "${id}", cannot be played here (its condition is false)`);
    const { step: s } = playStep(action, w, factsOf(w));
    for (const p of PROPERTIES) {
      const why = p.check(s);
      if (why !== null) out.push({ name: p.name, step: i + 1, failure: why });
    }
  });
  return out;
}
