/**
 * The steps of one exploration (explore.ts puts them together): the search state, replaying a
 * sequence, running one action and checking the properties, recording counterexamples and the
 * transitions reached, and the two ways of walking the sequences (pruned breadth-first, plain).
 */

import type { TraceEntry } from "msi-lifecycle";
import { ACTIONS, absorb, createWorld, type HostFactory, type World } from "./actions";
import type { Profile } from "./profiles";
import { canonical, DETERMINISM, type Facts, factsOf, PROPERTIES, playStep } from "./properties";
import { transitionsOf } from "./transitions";

/** The shortest sequence found that breaks a property. */
export interface Counterexample {
  /** Action ids, in order. */
  actions: string[];
  /** What went wrong at the last action. */
  failure: string;
}

export interface Node {
  path: number[];
  /** Trace fingerprint after the start and after each step of `path`. */
  fps: number[];
  facts: Facts;
  /** The live world in this state, until it is used for one of its steps. */
  world: World | null;
  enabled: number[];
}

/** What a search has found so far, and its counters. */
export interface Search {
  profile: Profile;
  makeHost: HostFactory | undefined;
  /** The depth the results are reported for. */
  depth: number;
  /** Shortest counterexample per property name. */
  found: Map<string, Counterexample>;
  /** Shortest sequence (ids) per transition id. */
  reach: Map<string, string[]>;
  actionsRun: number;
  steps: number;
  /** Depth of the step being taken (the length of the sequence it ends). */
  current: number;
}

/** What one step did. */
export interface StepResult {
  after: Facts;
  childPath: number[];
  entries: TraceEntry[];
  threw: boolean;
}

/** 32-bit FNV-1a, continued from `h` over the UTF-16 code units of `s`. */
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/**
 * Continues `h` over a traced value, tagged by its type so that 1, "1" and true differ; a string
 * goes in with its length first, so no string can pass for the fields after it.
 */
function fnvValue(h: number, v: string | number | boolean | null): number {
  return typeof v === "string" ? fnv(fnv(h, `"${v.length}:`), v) : fnv(h, String(v));
}

/**
 * The fingerprint of some trace entries: every call, its depth, arguments and return value, as
 * one FNV-1a hash taken over the fields in order, with separators. The device snapshots that
 * top-level entries carry are left out (they are the largest part, and a replay compares the
 * state it ends in separately).
 */
export function fingerprint(entries: readonly TraceEntry[]): number {
  let h = 0x811c9dc5;
  for (const e of entries) {
    h = fnv(fnv(h, `\n${e.depth} `), e.fn);
    for (const k in e.args) h = fnvValue(fnv(fnv(fnv(h, " "), k), "="), e.args[k]!);
    const r = e.ret;
    h = fnv(h, " = ");
    h = r !== null && typeof r === "object" ? fnv(h, `{${r.index},${r.virq}}`) : fnvValue(h, r);
  }
  return h >>> 0;
}

export const ids = (path: readonly number[]) => path.map((i) => ACTIONS[i]!.id);

export function enabledIn(w: World): number[] {
  const out: number[] = [];
  for (let i = 0; i < ACTIONS.length; i++) if (ACTIONS[i]!.enabled(w)) out.push(i);
  return out;
}

/** Whether the step being taken is within the reported depth (and so counted). */
const counts = (s: Search) => s.current <= s.depth;

/** Records a counterexample for `name` unless a shorter one is known. */
export function recordViolation(s: Search, name: string, path: number[], failure: string): void {
  const prior = s.found.get(name);
  if (!prior || prior.actions.length > path.length) s.found.set(name, { actions: ids(path), failure });
}

/** Records the transitions `entries` show, reached by `path`, unless a shorter sequence is known. */
function recordTransitions(s: Search, entries: readonly TraceEntry[], path: number[]): void {
  for (const t of transitionsOf(entries)) {
    const prior = s.reach.get(t);
    if (!prior || prior.length > path.length) s.reach.set(t, ids(path));
  }
}

/**
 * Brings back the state of `path` on a fresh host. With `check`, compares the trace of every
 * step with the first run's (`fps`) and the state it ends in with `facts`; the search checks the
 * first replay of each kept state, which runs every kept sequence twice.
 */
export function replay(
  s: Search,
  path: readonly number[],
  fps: readonly number[],
  check: boolean,
  facts: Facts,
): World {
  const w = createWorld(s.profile, s.makeHost);
  if (check && fingerprint(w.host.trace) !== fps[0]) {
    recordViolation(s, DETERMINISM.name, [], "the starting trace differs on a fresh host");
  }
  for (let i = 0; i < path.length; i++) {
    try {
      ACTIONS[path[i]!]!.run(w);
    } catch {
      // The first run threw here too (else the state would not have been kept); the trace decides.
    }
    if (counts(s)) s.actionsRun++;
    const entries = absorb(w);
    if (check && fingerprint(entries) !== fps[i + 1]) {
      recordViolation(
        s,
        DETERMINISM.name,
        path.slice(0, i + 1),
        `the trace of step ${i + 1} differs from the first run`,
      );
    }
  }
  if (check && canonical(factsOf(w)) !== canonical(facts)) {
    recordViolation(s, DETERMINISM.name, [...path], "the state after the replay differs from the first run");
  }
  return w;
}

/** Runs action `ai` in `w` (whose facts are `before`), checks every property; returns the step. */
export function takeStep(s: Search, w: World, before: Facts, path: number[], ai: number): StepResult {
  const { step, entries } = playStep(ACTIONS[ai]!, w, before);
  if (counts(s)) {
    s.actionsRun++;
    s.steps++;
  }
  const childPath = [...path, ai];
  for (const p of PROPERTIES) {
    const why = p.check(step);
    if (why !== null) recordViolation(s, p.name, childPath, why);
  }
  recordTransitions(s, entries, childPath);
  return { after: step.after, childPath, entries, threw: step.thrown !== undefined };
}

/** The node a step leads to (its world is `w`, live or not). */
export function childNode(parent: Node, r: StepResult, w: World, live: boolean): Node {
  return {
    path: r.childPath,
    fps: [...parent.fps, fingerprint(r.entries)],
    facts: r.after,
    world: live ? w : null,
    enabled: enabledIn(w),
  };
}
