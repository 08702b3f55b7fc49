/**
 * Plays a lab session in the snippet worker and checks what comes back: the program
 * (program.ts) goes through the runner's WorkerClient as a precompiled script, the
 * output's reports are parsed and checked (session.ts), the hosts are validated
 * (validate-run.ts) before any picture reads them. Browser-safe apart from the Worker.
 */
import type { ActionSpec } from "../../explorer/alphabet";
import type { RunHost } from "../../runner/profile";
import type { RunOutcome } from "../../runner/protocol";
import { validateRunHosts } from "../../runner/validate-run";
import { type LabProfile, labProgram } from "../program";
import { LabDataError, type PlayedSession, parseReports, playSession } from "../session";

/** The part of WorkerClient the lab uses. */
export interface LabWorker {
  run(input: { profile: string; js: string }): Promise<RunOutcome>;
}

/** A played session with its host, or the sentence that says why it could not be played. */
export type LabRun =
  | (PlayedSession & { ok: true; host: RunHost; ms?: number })
  | { ok: false; message: string /** Steps that did play before the first impossible one. */; playable?: number };

/** Runs `actions` on `profile` in the worker; never throws. */
export async function playInWorker(
  worker: LabWorker,
  profile: LabProfile,
  actions: readonly ActionSpec[],
): Promise<LabRun> {
  let outcome: RunOutcome;
  try {
    outcome = await worker.run({ profile: profile.options.kernel ?? profile.name, js: labProgram(profile, actions) });
  } catch (e) {
    return { ok: false, message: `The runner failed: ${(e as Error).message}` };
  }
  return checkOutcome(outcome, actions);
}

/** Checks a worker's outcome for `actions`. */
export function checkOutcome(outcome: RunOutcome, actions: readonly ActionSpec[]): LabRun {
  try {
    const hosts = validateRunHosts(outcome.hosts);
    if (hosts.length !== 1) throw new LabDataError(`the run made ${hosts.length} hosts, not one`);
    const reports = parseReports(outcome.output, actions.length);
    const played = playSession(actions, reports);
    const end = reports.at(-1)?.to ?? 0;
    if (end !== hosts[0].trace.length) throw new LabDataError("the run's reports do not match its trace");
    return { ok: true, ...played, host: hosts[0], ms: outcome.ms };
  } catch (e) {
    const message = (e as Error).message;
    const step = /^step (\d+) \(.*\) is not possible/.exec(message);
    if (step) return { ok: false, message: `${cap(message)}.`, playable: Number(step[1]) - 1 };
    const error = outcome.error ? ` (${outcome.error.message})` : "";
    return { ok: false, message: `${cap(message)}${error}.` };
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
