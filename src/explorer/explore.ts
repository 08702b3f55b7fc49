/**
 * Breadth-first exploration of every action sequence up to a depth, on one profile.
 *
 * The model cannot be copied, so a state is reached again by replaying its sequence on a fresh
 * host (the model is deterministic; every replay is also checked against the first run's trace).
 * With pruning, a sequence that reaches a canonical state already seen is not extended: its
 * future is the same as the earlier, shorter one's. Because the search goes depth by depth and
 * checks every action from every kept state, the first violation it meets for a property is a
 * shortest one. Without pruning, every sequence is run (depth-first, to keep memory small).
 */

import type { TraceEntry } from "msi-lifecycle";
import { ACTIONS, absorb, actionById, createWorld, type HostFactory, type World } from "./actions";
import type { Profile } from "./profiles";
import { canonical, DETERMINISM, type Facts, factsOf, PROPERTIES, PROPERTY_NAMES, type Step } from "./properties";
import { TRANSITIONS, transitionsOf } from "./transitions";

/** The shortest sequence found that breaks a property. */
export interface Counterexample {
  /** Action ids, in order. */
  actions: string[];
  /** What went wrong at the last action. */
  failure: string;
}

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

interface Node {
  path: number[];
  /** Trace fingerprint after the start and after each step of `path`. */
  fps: number[];
  facts: Facts;
  /** The live world in this state, until it is used for one of its steps. */
  world: World | null;
  enabled: number[];
}

/** 32-bit FNV-1a of a string. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The fingerprint of some trace entries: every call, its depth, arguments and return value.
 * The device snapshots that top-level entries carry are left out (they are the largest part, and
 * a replay compares the state it ends in separately).
 */
function fingerprint(entries: readonly TraceEntry[]): number {
  let text = "";
  for (const e of entries) text += `${e.depth} ${e.fn} ${JSON.stringify(e.args)} ${JSON.stringify(e.ret)}\n`;
  return fnv(text);
}
const ids = (path: readonly number[]) => path.map((i) => ACTIONS[i]!.id);

function enabledIn(w: World): number[] {
  const out: number[] = [];
  for (let i = 0; i < ACTIONS.length; i++) if (ACTIONS[i]!.enabled(w)) out.push(i);
  return out;
}

/** Explores `profile` to `opts.depth`; see the file comment. */
export function explore(profile: Profile, opts: ExploreOptions): ProfileResult {
  const { depth } = opts;
  const prune = opts.prune ?? true;
  const limit = prune ? Math.max(depth, opts.closureDepth ?? depth) : depth;
  for (const [name, v] of [
    ["depth", depth],
    ["closureDepth", limit],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${v}`);
  }
  const now = opts.now ?? (() => 0);
  const t0 = now();
  const found = new Map<string, Counterexample>();
  const reach = new Map<string, string[]>();
  let actionsRun = 0;
  let steps = 0;
  /** Depth of the step being taken (the length of the sequence it ends). */
  let current = 0;
  const count = () => current <= depth;

  const violation = (name: string, path: number[], failure: string) => {
    const prior = found.get(name);
    if (!prior || prior.actions.length > path.length) found.set(name, { actions: ids(path), failure });
  };

  /**
   * Brings back the state of `path` on a fresh host. With `check`, compares the trace of every
   * step with the first run's (`fps`) and the state it ends in with `facts`; the search checks the
   * first replay of each kept state, which runs every kept sequence twice.
   */
  const replay = (path: readonly number[], fps: readonly number[], check: boolean, facts: Facts): World => {
    const w = createWorld(profile, opts.makeHost);
    if (check && fingerprint(w.host.trace) !== fps[0]) {
      violation(DETERMINISM.name, [], "the starting trace differs on a fresh host");
    }
    for (let i = 0; i < path.length; i++) {
      try {
        ACTIONS[path[i]!]!.run(w);
      } catch {
        // The first run threw here too (else the state would not have been kept); the trace decides.
      }
      if (count()) actionsRun++;
      const entries = absorb(w);
      if (check && fingerprint(entries) !== fps[i + 1]) {
        violation(DETERMINISM.name, path.slice(0, i + 1), `the trace of step ${i + 1} differs from the first run`);
      }
    }
    if (check && canonical(factsOf(w)) !== canonical(facts)) {
      violation(DETERMINISM.name, [...path], "the state after the replay differs from the first run");
    }
    return w;
  };

  /** Runs action `ai` in `w` (whose facts are `before`), checks every property; returns the step. */
  const step = (w: World, before: Facts, path: number[], ai: number) => {
    const action = ACTIONS[ai]!;
    let ret = Number.NaN;
    let thrown: string | undefined;
    try {
      ret = action.run(w);
    } catch (e) {
      thrown = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    if (count()) {
      actionsRun++;
      steps++;
    }
    const entries = absorb(w);
    const after = factsOf(w);
    const s: Step = { action, ret, before, after, ...(thrown !== undefined ? { thrown } : {}) };
    const childPath = [...path, ai];
    for (const p of PROPERTIES) {
      const why = p.check(s);
      if (why !== null) violation(p.name, childPath, why);
    }
    for (const t of transitionsOf(entries)) {
      const prior = reach.get(t);
      if (!prior || prior.length > childPath.length) reach.set(t, ids(childPath));
    }
    return { after, childPath, entries, threw: thrown !== undefined };
  };

  const root = createWorld(profile, opts.makeHost);
  const rootNode: Node = {
    path: [],
    fps: [fingerprint(root.host.trace)],
    facts: factsOf(root),
    world: root,
    enabled: enabledIn(root),
  };

  let sequences = 0;
  let states = 1;
  let allStates = 1;
  let closedAt: number | null = null;

  if (prune) {
    // Breadth-first; `edges` keeps, per kept state, the states its actions lead to, so the
    // number of sequences plain enumeration would run can be counted exactly afterwards.
    const index = new Map<string, number>([[canonical(rootNode.facts), 0]]);
    const edges: number[][] = [];
    let frontier: { node: Node; id: number }[] = [{ node: rootNode, id: 0 }];
    /** sizeAt[k]: distinct states reached with at most k actions. */
    const sizeAt = [1];
    for (let d = 0; d < limit && frontier.length > 0; d++) {
      current = d + 1;
      const next: { node: Node; id: number }[] = [];
      for (const { node, id } of frontier) {
        const out: number[] = [];
        edges[id] = out;
        node.enabled.forEach((ai, j) => {
          // The last action uses the live world; the others replay the sequence.
          const last = j === node.enabled.length - 1;
          const w = last && node.world ? node.world : replay(node.path, node.fps, j === 0, node.facts);
          if (last) node.world = null;
          const r = step(w, node.facts, node.path, ai);
          const key = r.threw ? `threw:${r.childPath.join(",")}` : canonical(r.after);
          let child = index.get(key);
          if (child === undefined) {
            child = index.size;
            index.set(key, child);
            if (!r.threw) {
              next.push({
                node: {
                  path: r.childPath,
                  fps: [...node.fps, fingerprint(r.entries)],
                  facts: r.after,
                  world: w,
                  enabled: enabledIn(w),
                },
                id: child,
              });
            }
          }
          out.push(child);
        });
      }
      frontier = next;
      sizeAt.push(index.size);
      // No new state one action further: every reachable state has been checked with every action.
      if (frontier.length === 0) closedAt = d;
    }
    states = sizeAt[Math.min(depth, sizeAt.length - 1)]!;
    allStates = index.size;
    // counts[s] = sequences of the current length that end in state s.
    let counts = new Map<number, number>([[0, 1]]);
    for (let k = 0; k < depth; k++) {
      const nextCounts = new Map<number, number>();
      for (const [s, n] of counts) {
        for (const t of edges[s] ?? []) nextCounts.set(t, (nextCounts.get(t) ?? 0) + n);
      }
      for (const n of nextCounts.values()) sequences += n;
      counts = nextCounts;
    }
  } else {
    const seen = new Set<string>([canonical(rootNode.facts)]);
    const dfs = (node: Node, w0: World) => {
      node.enabled.forEach((ai, j) => {
        current = node.path.length + 1;
        const w = j === node.enabled.length - 1 ? w0 : replay(node.path, node.fps, j === 0, node.facts);
        const r = step(w, node.facts, node.path, ai);
        sequences++;
        if (r.threw) return;
        seen.add(canonical(r.after));
        if (r.childPath.length < depth) {
          dfs(
            {
              path: r.childPath,
              fps: [...node.fps, fingerprint(r.entries)],
              facts: r.after,
              world: null,
              enabled: enabledIn(w),
            },
            w,
          );
        }
      });
    };
    if (depth > 0) dfs(rootNode, root);
    states = allStates = seen.size;
  }

  const within = (c: Counterexample | undefined) => c !== undefined && c.actions.length <= depth;
  return {
    profile: profile.name,
    depth,
    sequences,
    states,
    steps,
    actionsRun,
    properties: PROPERTY_NAMES.map((name) => {
      const c = found.get(name);
      return within(c) ? { name, holds: false, counterexample: c } : { name, holds: true };
    }),
    transitions: TRANSITIONS.filter((t) => (reach.get(t.id)?.length ?? Infinity) <= depth).map((t) => ({
      id: t.id,
      actions: reach.get(t.id)!,
    })),
    closure: {
      searched: limit,
      closedAt,
      states: allStates,
      beyond: PROPERTY_NAMES.flatMap((name) => {
        const c = found.get(name);
        return c && !within(c) ? [{ name, length: c.actions.length }] : [];
      }),
    },
    ms: now() - t0,
  };
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
    const before = factsOf(w);
    let ret = Number.NaN;
    let thrown: string | undefined;
    try {
      ret = action.run(w);
    } catch (e) {
      thrown = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    absorb(w);
    const s: Step = { action, ret, before, after: factsOf(w), ...(thrown !== undefined ? { thrown } : {}) };
    for (const p of PROPERTIES) {
      const why = p.check(s);
      if (why !== null) out.push({ name: p.name, step: i + 1, failure: why });
    }
  });
  return out;
}
