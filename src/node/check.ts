/**
 * Runs one embedded snippet under one profile and judges it against its
 * expected output. The message of a failure names the page line, the snippet
 * line and shows a line diff, so a reader who did not write the snippet can fix
 * it. Node-only.
 */
import { parseProfileName, profileName } from "../model/profile-name";
import type { HostProfile } from "../model/profiles";
import { describePosition } from "../runner/execute";
import { formatLineDiff, lineDiff } from "../runner/line-diff";
import { droppedNote } from "../runner/output";
import type { SnippetError } from "../runner/snippet-error";
import { normaliseOutput } from "../snippet/file";
import type { SnippetCase } from "./collect";
import { runSnippetInNode } from "./run";

export interface CaseVerdict {
  ok: boolean;
  /** What the snippet printed (normalised). */
  actual: string;
  /** Why it failed, ready to print. */
  message?: string;
}

/** How a failure of each kind reads: "snippet "x" <verb> under v6.5: ...". */
const VERBS: Record<SnippetError["kind"], string> = {
  syntax: "does not compile",
  timeout: "did not finish",
  crash: "stopped",
  runtime: "threw an error",
};

/** At most this many lines of what a failed snippet printed go into the message. */
const PRINTED_LINES = 20;

/** The message of a snippet that failed with `error`, with where it is and what it printed. */
function errorMessage(c: SnippetCase, profile: string, error: SnippetError, actual: string, dropped = 0): string {
  const fileLine = error.line !== undefined ? error.line + c.snippet.bodyOffset : undefined;
  const pos = describePosition(error);
  const lines = actual ? actual.split("\n") : [];
  const more = lines.length - PRINTED_LINES + dropped;
  const printed = lines.length
    ? `  printed before it stopped:\n${indent(lines.slice(0, PRINTED_LINES).join("\n"))}\n` +
      (more > 0 ? `    … and ${more.toLocaleString("en-US")} more lines\n` : "")
    : "";
  return (
    `snippet "${c.src}" ${VERBS[error.kind]} under ${profile}: ${error.message}\n` +
    `  page:    ${c.page}:${c.pageLine}\n` +
    `  snippet: ${c.file}${fileLine !== undefined ? `:${fileLine}` : ""}${pos ? ` (${pos} of the shown code)` : ""}\n` +
    printed
  );
}

/** Runs `c` under `profile` and compares with its `// Output (<profile>):` block. */
export function checkCase(c: SnippetCase, profile: string, timeoutMs?: number): CaseVerdict {
  const expected = c.snippet.outputs.find((o) => o.profile === profile);
  if (!expected) throw new Error(`${c.file} has no expected output for ${profile}`);
  const result = runSnippetInNode(c.snippet.body, profile, timeoutMs);
  const actual = normaliseOutput(result.output);
  if (result.error)
    return { ok: false, actual, message: errorMessage(c, profile, result.error, actual, result.dropped) };
  const mismatch = hostProfileMismatch(result.hosts, profile);
  if (mismatch)
    return {
      ok: false,
      actual,
      message: `snippet "${c.src}" ${mismatch}\n  page:    ${c.page}:${c.pageLine}\n  snippet: ${c.file}:${expected.line}\n`,
    };
  const want = normaliseOutput(expected.text);
  if (actual === want) return { ok: true, actual };
  const patch = `--- expected (${c.file}:${expected.line})\n+++ actual\n${formatLineDiff(lineDiff(want, actual))}`;
  return {
    ok: false,
    actual,
    message:
      `snippet "${c.src}" printed something else than its expected output under ${profile}\n` +
      `  page:    ${c.page}:${c.pageLine}\n` +
      `  snippet: ${c.file}:${expected.line} (the "// Output (${profile}):" block)\n` +
      (result.dropped ? `  ${droppedNote(result.dropped)}\n` : "") +
      `  to accept the new output: npm run snippets:update, then review the diff in git\n\n${patch}`,
  };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

/**
 * A run under `profile` must create at least one host with that profile (if it creates hosts at
 * all): a snippet that declares `v6.5/qemu-8.1` but writes `createHost({ kernel: KERNEL })` would
 * otherwise run QEMU 10.1 and be checked as if it ran 8.1. Returns why, or null.
 */
function hostProfileMismatch(hosts: { profile?: HostProfile | { kernel: string } }[], profile: string): string | null {
  const declared = parseProfileName(profile);
  if (!declared || hosts.length === 0) return null;
  const names = hosts.map((h) => ("qemu" in (h.profile ?? {}) ? profileName(h.profile as HostProfile) : "?"));
  if (names.includes(profileName(declared))) return null;
  return (
    `declares an output for ${profile} but creates no host with that profile (its hosts: ${names.join(", ")}); ` +
    "write createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM })"
  );
}
