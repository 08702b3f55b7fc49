/**
 * What the explorer's command line prints and writes: the plain-text report, the committed
 * results file and the bench table. Pure formatting of ProfileResults; no clock, no files.
 */
import { ACTIONS, BDF, INITIAL_TABLE_SIZE } from "../../explorer/actions";
import type { ProfileResult } from "../../explorer/explore";
import { DETERMINISM, PROPERTIES } from "../../explorer/properties";

/** The committed results: what a test regenerates and compares, so the page cannot drift. */
export interface ResultsFile {
  depth: number;
  start: string;
  actions: { id: string; label: string }[];
  properties: { name: string; sentence: string }[];
  profiles: Omit<ProfileResult, "ms">[];
}

/** The results file for `results` (timings dropped: they differ from run to run). */
export function resultsFile(results: readonly ProfileResult[], depth: number): ResultsFile {
  return {
    depth,
    start: startDescription(),
    actions: ACTIONS.map((a) => ({ id: a.id, label: a.label })),
    properties: [...PROPERTIES, DETERMINISM].map((p) => ({ name: p.name, sentence: p.sentence })),
    profiles: results.map(({ ms: _ms, ...r }) => r),
  };
}

export function startDescription(): string {
  return `one VF (${BDF}) with Table Size ${INITIAL_TABLE_SIZE}, bound to vfio-pci, no VM running`;
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const padL = (s: string | number, n: number) => String(s).padStart(n);
const int = (n: number) => n.toLocaleString("en-US");

/** The plain-text report. */
export function report(results: readonly ProfileResult[], depth: number, prune: boolean, closure: boolean): string {
  const out: string[] = [];
  out.push(`Every sequence of up to ${depth} actions, from ${startDescription()}.`);
  out.push(`Actions (${ACTIONS.length}): ${ACTIONS.map((a) => a.id).join(", ")}`);
  out.push("");
  const w = Math.max(7, ...results.map((r) => r.profile.length));
  const closedText = (r: ProfileResult) =>
    r.closure.closedAt === null
      ? `open at ${r.closure.searched}`
      : `${r.closure.closedAt} (${int(r.closure.states)} states)`;
  out.push(
    `${pad("profile", w)}  ${padL("sequences", 13)}  ${padL("states", 7)}  ${padL("steps run", 9)}  ${padL("reduction", 9)}  ${padL("time", 8)}${closure ? "  no new state after" : ""}`,
  );
  for (const r of results) {
    const red = prune && r.steps > 0 ? `${(r.sequences / r.steps).toFixed(0)}x` : "none";
    out.push(
      `${pad(r.profile, w)}  ${padL(int(r.sequences), 13)}  ${padL(int(r.states), 7)}  ${padL(int(r.steps), 9)}  ${padL(red, 9)}  ${padL(`${(r.ms / 1000).toFixed(2)} s`, 8)}${closure ? `  ${closedText(r)}` : ""}`,
    );
  }
  out.push("");
  out.push(
    prune
      ? "sequences: every action sequence of length 1..depth (what plain enumeration runs); steps run: the steps the\npruned search checked, one per distinct state and action; reduction: sequences / steps run."
      : "Plain enumeration: every sequence was run (no pruning).",
  );
  for (const p of [...PROPERTIES, DETERMINISM]) {
    out.push("");
    out.push(`${p.name}: ${p.sentence}`);
    for (const r of results) {
      const v = r.properties.find((x) => x.name === p.name)!;
      if (v.holds) {
        const beyond = r.closure.beyond.find((b) => b.name === p.name);
        const tail = beyond
          ? `; FAILS after ${beyond.length} actions (found by --closure)`
          : r.closure.closedAt !== null
            ? `, and for every longer one (no new state after depth ${r.closure.closedAt})`
            : "";
        out.push(`  ${pad(r.profile, w)}  holds for every sequence up to depth ${r.depth}${tail}`);
      } else {
        const c = v.counterexample!;
        out.push(`  ${pad(r.profile, w)}  FAILS after ${c.actions.length}: ${c.actions.join(", ")}`);
        out.push(`  ${pad("", w)}  ${c.failure}`);
      }
    }
  }
  return out.join("\n");
}

/** One row of the bench table: an exploration and the CPU time it took. */
export function benchRow(r: ProfileResult, cpuMs: number, mode: string): string {
  const s = cpuMs / 1000;
  return `| ${r.profile} | ${mode} | ${r.depth} | ${int(r.sequences)} | ${int(r.states)} | ${int(r.steps)} | ${int(r.actionsRun)} | ${(r.ms / 1000).toFixed(2)} | ${s.toFixed(2)} | ${int(Math.round(r.steps / s))} | ${int(Math.round(r.sequences / s))} |`;
}

/** The bench table in Markdown, with the totals of the pruned runs at `depth`. */
export function benchTable(
  rows: readonly string[],
  depth: number,
  profiles: number,
  wall: number,
  cpu: number,
): string {
  return [
    "",
    `### Explorer: every action sequence, per profile (\`npm run explore -- --bench\`)`,
    "",
    "| profile | search | depth | sequences covered | distinct states | steps checked | actions run (with checked replays) | wall (s) | CPU (s) | steps/s (CPU) | sequences/s (CPU) |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    `Depth ${depth}, pruned, all ${profiles} profiles: ${(wall / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU, ${(cpu / profiles / 1000).toFixed(2)} s CPU per profile (goal: under 1.4 s per profile, the 10 s first set for 7 profiles). Plain enumeration checks one step per sequence; the pruned search one per distinct state and action, on copies of the host (host.fork()), plus one checked replay per kept state (actions run counts the replayed actions). Wall time grows with other load on the machine; CPU time does not.`,
    "",
  ].join("\n");
}
