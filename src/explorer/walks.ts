/**
 * The two ways an exploration walks the action sequences: breadth-first with pruning of states
 * already seen (with the count of sequences plain enumeration would run), and plain depth-first
 * enumeration of every sequence. Both take their steps through search.ts.
 */

import { forkWorld, type World } from "./actions";
import { canonical } from "./properties";
import { childNode, type Node, replay, type Search, takeStep } from "./search";

interface Kept {
  node: Node;
  id: number;
}

/** What the pruned walk found. */
export interface PrunedWalk {
  /** sizeAt[k]: distinct states reached with at most k actions. */
  sizeAt: number[];
  /** Distinct states reached in all (up to the closure limit). */
  allStates: number;
  /** Per kept state, the states its actions lead to. */
  edges: number[][];
  /** The depth after which no new state appeared, if it did. */
  closedAt: number | null;
}

/**
 * Takes every enabled action from one kept state; a state not seen before is numbered, and kept
 * in `next` unless its step threw. Returns the states its actions lead to.
 */
function expand(s: Search, index: Map<string, number>, { node }: Kept, next: Kept[]): number[] {
  const out: number[] = [];
  node.enabled.forEach((ai, j) => {
    const w = worldFor(s, node, node.world, j);
    if (j === node.enabled.length - 1) node.world = null;
    const r = takeStep(s, w, node.facts, node.path, ai);
    const key = r.threw ? `threw:${r.childPath.join(",")}` : canonical(r.after);
    let child = index.get(key);
    if (child === undefined) {
      child = index.size;
      index.set(key, child);
      if (!r.threw) next.push({ node: childNode(node, r, w, true), id: child });
    }
    out.push(child);
  });
  return out;
}

/**
 * The world the `j`th enabled action of `node` is taken in, `live` being the node's own world (or
 * null once used): the last action takes the live world, the first (when there are more) replays
 * the sequence on a fresh host and checks every step against the first run, which shows both that
 * the model is deterministic and that the forks the run went through changed nothing; the others
 * take a fork of the live world.
 */
function worldFor(s: Search, node: Node, live: World | null, j: number): World {
  if (live && j === node.enabled.length - 1) return live;
  if (live && j > 0) return forkWorld(live);
  return replay(s, node.path, node.fps, j === 0, node.facts);
}

/**
 * Breadth-first from `rootNode` up to `limit` actions, extending only states not seen before.
 * `edges` keeps, per kept state, the states its actions lead to, so the number of sequences plain
 * enumeration would run can be counted exactly afterwards (countSequences).
 */
export function walkPruned(s: Search, rootNode: Node, limit: number): PrunedWalk {
  const index = new Map<string, number>([[canonical(rootNode.facts), 0]]);
  const edges: number[][] = [];
  let frontier: Kept[] = [{ node: rootNode, id: 0 }];
  const sizeAt = [1];
  let closedAt: number | null = null;
  for (let d = 0; d < limit && frontier.length > 0; d++) {
    s.current = d + 1;
    const next: Kept[] = [];
    for (const kept of frontier) edges[kept.id] = expand(s, index, kept, next);
    frontier = next;
    sizeAt.push(index.size);
    // No new state one action further: every reachable state has been checked with every action.
    if (frontier.length === 0) closedAt = d;
  }
  return { sizeAt, allStates: index.size, edges, closedAt };
}

/** The number of action sequences of length 1..depth, from the edges of a pruned walk. */
export function countSequences(edges: readonly number[][], depth: number): number {
  let sequences = 0;
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
  return sequences;
}

/** Runs every sequence of up to `s.depth` actions, depth-first; returns how many and the states seen. */
export function walkPlain(s: Search, rootNode: Node, root: World): { sequences: number; states: number } {
  const seen = new Set<string>([canonical(rootNode.facts)]);
  let sequences = 0;
  const dfs = (node: Node, w0: World) => {
    node.enabled.forEach((ai, j) => {
      s.current = node.path.length + 1;
      const w = worldFor(s, node, w0, j);
      const r = takeStep(s, w, node.facts, node.path, ai);
      sequences++;
      if (r.threw) return;
      seen.add(canonical(r.after));
      if (r.childPath.length < s.depth) dfs(childNode(node, r, w, false), w);
    });
  };
  if (s.depth > 0) dfs(rootNode, root);
  return { sequences, states: seen.size };
}
