/**
 * A lab session as data: the profile and the action ids, how it travels in a link, and what a
 * run of its program (program.ts) reported, checked strictly. The worker's output is data from
 * another realm: every report line is validated before the page reads it, and a session whose
 * step was not possible (a tampered link) is refused with a sentence saying which step and why.
 * Browser-safe, pure.
 */
import { type ActionSpec, parseAction, type WorldView } from "../explorer/alphabet";
import { REPORT_MARK } from "./program";

/** At most this many actions in a session (a link longer than this is refused). */
export const MAX_ACTIONS = 64;

/** What one step reported. */
export interface StepReport {
  /** The result of its top-level call: 0, a count or a negative errno; null when it returned none. */
  ret: number | null;
  /** Its trace entries: [from, to). */
  from: number;
  to: number;
  /** The QEMU object's facts after the step, or null when the program holds none. */
  vm: { entries: number; msixEnabled: boolean } | null;
  /** QEMU's error_report() lines of this step. */
  log: string[];
  tableSize: number;
  bound: boolean;
  /** What the step printed (its `step()` line or lspci). */
  printed: string[];
}

/** A session that played: the view before each step (index 0 = the start) and the reports. */
export interface PlayedSession {
  /** reports[0] is the starting point, reports[i] the i-th action's. */
  reports: StepReport[];
  /** views[i]: the world after reports[i], as the conditions read it. */
  views: LabView[];
}

/** The world view the conditions read, with the vectors used as a plain list. */
export interface LabView extends WorldView {
  readonly usedList: readonly number[];
}

/** A clear message for data that is not what the lab expects. */
export class LabDataError extends Error {}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v);

function checkReport(v: unknown, i: number): Omit<StepReport, "printed"> {
  const bad = (what: string) => new LabDataError(`the run's report ${i} is not valid: ${what}`);
  if (!v || typeof v !== "object" || Array.isArray(v)) throw bad("not an object");
  const r = v as Record<string, unknown>;
  if (r.lab !== i) throw bad(`it is numbered ${JSON.stringify(r.lab)}`);
  if (r.ret !== null && !isInt(r.ret)) throw bad("ret is not an integer");
  if (!isInt(r.from) || !isInt(r.to) || r.from < 0 || r.to < r.from) throw bad("bad trace range");
  let vm: StepReport["vm"] = null;
  if (r.vm !== null) {
    const f = r.vm as Record<string, unknown> | undefined;
    if (!f || typeof f !== "object" || !isInt(f.entries) || f.entries < 0 || typeof f.msixEnabled !== "boolean")
      throw bad("bad VM facts");
    vm = { entries: f.entries, msixEnabled: f.msixEnabled };
  }
  if (!Array.isArray(r.log) || !r.log.every((l) => typeof l === "string")) throw bad("log is not a list of lines");
  if (!isInt(r.tableSize) || r.tableSize < 0 || typeof r.bound !== "boolean") throw bad("bad device facts");
  return {
    ret: r.ret as number | null,
    from: r.from,
    to: r.to,
    vm,
    log: r.log as string[],
    tableSize: r.tableSize,
    bound: r.bound,
  };
}

/**
 * Splits the program's output into the reports (setup + one per action) and the lines each
 * step printed. Throws LabDataError when a report is malformed or there are more than
 * `actions` + 1; a run that stopped early has fewer (playSession() says which step is missing).
 */
export function parseReports(output: string, actions: number): StepReport[] {
  const reports: StepReport[] = [];
  let printed: string[] = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith(REPORT_MARK)) {
      printed.push(line);
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch {
      throw new LabDataError(`the run's report ${reports.length} is not JSON`);
    }
    reports.push({ ...checkReport(data, reports.length), printed });
    printed = [];
  }
  if (reports.length > actions + 1) throw new LabDataError(`the run reported more than its ${actions} steps`);
  return reports;
}

/** The view after the first report: no VM, nothing used. */
function startView(r: StepReport): LabView {
  return { vm: null, used: new Set(), usedList: [], tableSize: r.tableSize, bound: r.bound };
}

/** The view after `spec` ran and reported `r`, from the view before it (the explorer's bookkeeping). */
export function advance(before: LabView, spec: ActionSpec, r: StepReport): LabView {
  let up = before.vm !== null;
  let used = [...before.usedList];
  if (spec.kind === "open") {
    up = r.ret === 0;
    used = [];
  } else if (spec.kind === "shutdown") {
    up = false;
    used = [];
  } else if (spec.kind === "enable" || spec.kind === "disable") used = [];
  else if (spec.kind === "use" && spec.n !== undefined) used.push(spec.n);
  const set = new Set(used);
  return { vm: up ? r.vm : null, used: set, usedList: used, tableSize: r.tableSize, bound: r.bound };
}

/**
 * Checks the reports against the actions: every step must have been possible in the view
 * before it. Returns the views; throws LabDataError naming the first impossible step.
 */
export function playSession(actions: readonly ActionSpec[], reports: readonly StepReport[]): PlayedSession {
  if (reports.length === 0) throw new LabDataError("the run stopped before the starting point");
  const views: LabView[] = [startView(reports[0])];
  actions.forEach((a, i) => {
    const why = a.why(views[i]);
    if (why !== null) throw new LabDataError(`step ${i + 1} (“${a.label}”) is not possible there: ${why}`);
    const r = reports[i + 1];
    if (!r) throw new LabDataError(`the run stopped at step ${i + 1} (“${a.label}”)`);
    views.push(advance(views[i], a, r));
  });
  return { reports: [...reports], views };
}

/** A session as a link carries it. */
export interface SessionData {
  profile: string;
  actions: ActionSpec[];
}

/**
 * The query of a lab link: `?profile=v6.5/qemu-8.1&actions=open,enable,use+0`, the profile named
 * as the model names it (kernel, then the QEMU version and the platform where not the default).
 * A query, not a hash: the hash stays what it is everywhere else on the site, an anchor. The
 * profile's slashes are left as they are (a query may hold them) so the link reads as it is meant.
 */
export function encodeSession(profile: string, actions: readonly ActionSpec[]): string {
  const p = new URLSearchParams();
  p.set("profile", profile);
  p.set("actions", actions.map((a) => a.id).join(","));
  return `?${p.toString().replace(/%2F/gi, "/")}`;
}

/** A profile as a link may name it: its name and its createHost() options (program.ts's LabProfile). */
export interface NamedProfile {
  name: string;
  options: Readonly<Record<string, string>>;
}

/**
 * Why `profile` is none of `profiles`, part by part: a profile name is a kernel, then
 * `qemu-<version>` and the platform where not the default, separated by "/".
 */
function unknownProfile(profile: string, profiles: readonly NamedProfile[]): string {
  const shown = (t: string) => `“${t.slice(0, 40)}”`;
  const values = (option: string) => [...new Set(profiles.map((p) => p.options[option]).filter(Boolean))].join(", ");
  const [kernel = "", ...rest] = profile.split("/");
  if (!profiles.some((p) => p.options.kernel === kernel))
    return `the link names kernel ${shown(kernel)}, which the model does not have (it has ${values("kernel")})`;
  const qemu = rest.find((t) => t.startsWith("qemu-") && !profiles.some((p) => p.options.qemu === t.slice(5)));
  if (qemu !== undefined)
    return `the link names QEMU ${shown(qemu.slice(5))}, which the model does not have (it has ${values("qemu")})`;
  const other = rest.find((t) => !t.startsWith("qemu-") && !profiles.some((p) => p.options.platform === t));
  if (other !== undefined)
    return `the link names ${shown(other)} after the kernel, which is neither qemu-<version> nor a platform (${values("platform")})`;
  return `the link names profile ${shown(profile)}, which is not how the model names a profile: the kernel, then /qemu-<version>, then /<platform>, each once and only when not the default (e.g. ${profiles.at(-1)?.name ?? "v6.5"})`;
}

/** The lab's address for `profile` and action ids (the explorer's counterexamples link with it). */
export function labHref(page: string, profile: string, ids: readonly string[]): string {
  const actions = ids.map((id) => {
    const a = parseAction(id);
    if (!a) throw new LabDataError(`“${id}” is not an action of the lab`);
    return a;
  });
  return `${page}${encodeSession(profile, actions)}`;
}

/**
 * Reads a lab link's query, strictly: the key `profile` and, unless the link only picks a profile
 * (`?profile=v6.18/arm64`: no actions yet), the key `actions`; nothing else. A profile of
 * `profiles` named exactly as the model names it, every action an exact id of the alphabet, at
 * most MAX_ACTIONS of them. Returns null for an empty query; throws LabDataError with a sentence
 * for the reader otherwise (for a profile, which part of its name the model does not have).
 */
export function decodeSession(query: string, profiles: readonly NamedProfile[]): SessionData | null {
  const text = query.startsWith("?") ? query.slice(1) : query;
  if (text === "") return null;
  if (text.length > 4096) throw new LabDataError("the link is too long to be a lab session");
  const p = new URLSearchParams(text);
  const keys = [...p.keys()];
  const unknown = keys.filter((k) => k !== "profile" && k !== "actions");
  if (unknown.length > 0)
    throw new LabDataError(`the link has parts the lab does not know: ${unknown.join(", ").slice(0, 60)}`);
  if (p.getAll("profile").length !== 1 || p.getAll("actions").length > 1)
    throw new LabDataError("the link must name one profile, and at most one list of actions");
  const profile = p.get("profile") ?? "";
  if (!profiles.some((p) => p.name === profile)) throw new LabDataError(unknownProfile(profile, profiles));
  const list = p.get("actions") ?? "";
  const ids = list === "" ? [] : list.split(",");
  if (ids.length > MAX_ACTIONS)
    throw new LabDataError(`the link has ${ids.length} actions; the lab plays at most ${MAX_ACTIONS}`);
  const actions = ids.map((id, i) => {
    const a = parseAction(id);
    if (!a) throw new LabDataError(`action ${i + 1} of the link, “${id.slice(0, 40)}”, is not an action of the lab`);
    return a;
  });
  return { profile, actions };
}
