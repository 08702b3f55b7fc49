/**
 * The seed scenario on every kernel × QEMU × platform profile, as a table: for each profile, how
 * QEMU added vector 8 (the path), which function returned the error and through which caller, the
 * errno, and the line QEMU printed. Read from the trace of a real run of the seed snippet, never
 * written by hand: the overview page draws it at build time and the docs tests compare it with the
 * committed expected table (snippets/start/overview/seed-scenario.matrix.json).
 * Pure and browser-safe.
 */

import { errnoName } from "../model/include/errno";
import { allProfileNames, parseProfileName } from "../model/profile-name";
import { retErrno, type TraceEntry } from "../model/trace";

/** The snippet the matrix runs, and the file that holds its expected matrix. */
export const SEED_MATRIX = {
  src: "start/overview/seed-scenario",
  file: "snippets/start/overview/seed-scenario.matrix.json",
} as const;

/** How QEMU brought vector 8 to the host. */
export type SeedPath = "re-enable" | "dynamic" | "none";

/** One row of the matrix. */
export interface SeedMatrixRow {
  profile: string;
  kernel: string;
  qemu: string;
  platform: string;
  /**
   * "re-enable": QEMU disabled MSI-X and enabled nr + 1 vectors (the kernel's vfio_msi_enable());
   * "dynamic": one SET_IRQS for vector 8 (pci_msix_alloc_irq_at()); "none": no SET_IRQS for it.
   */
  path: SeedPath;
  /** Where the error QEMU reported starts, with its two callers, e.g. ["msix_setup_msi_descs", "msi_domain_insert_msi_desc", "msi_insert_desc"]; [] if none. */
  failsIn: string[];
  /** The errno the failing VFIO_DEVICE_SET_IRQS returned, by name ("ERANGE"); null if nothing failed. */
  errno: string | null;
  /** What QEMU printed with error_report(), null if nothing. */
  message: string | null;
}

/** The entries of the call that starts at `i`: itself and everything it called. */
function subtree(trace: readonly TraceEntry[], i: number): TraceEntry[] {
  const out = [trace[i]!];
  for (let j = i + 1; j < trace.length && trace[j]!.depth > trace[i]!.depth; j++) out.push(trace[j]!);
  return out;
}

/**
 * From a failing call down to where its errno starts: at each level the first callee that
 * returned the same errno, until none did.
 */
function errorChain(calls: readonly TraceEntry[]): string[] {
  const errno = retErrno(calls[0]!.ret);
  const chain = [calls[0]!.fn];
  let at = 0;
  for (;;) {
    const depth = calls[at]!.depth + 1;
    let next = -1;
    for (let j = at + 1; j < calls.length && calls[j]!.depth >= depth; j++) {
      if (calls[j]!.depth === depth && retErrno(calls[j]!.ret) === errno) {
        next = j;
        break;
      }
    }
    if (next < 0) return chain;
    chain.push(calls[next]!.fn);
    at = next;
  }
}

/**
 * seedMatrixRow - the row of `profile` from the trace of the seed scenario's first host. The
 * scenario's last guest action is the second VM's vector_use of vector 8: the row describes it.
 */
export function seedMatrixRow(profile: string, trace: readonly TraceEntry[]): SeedMatrixRow {
  const p = parseProfileName(profile);
  if (!p) throw new TypeError(`not a profile name: ${JSON.stringify(profile)}`);
  const last = trace.findLastIndex((e) => e.depth === 0 && e.fn === "vfio_msix_vector_do_use");
  if (last < 0) throw new Error(`the run on ${profile} has no vfio_msix_vector_do_use() at depth 0`);
  const use = subtree(trace, last);
  const fns = new Set(use.map((e) => e.fn));
  const path: SeedPath = fns.has("vfio_msi_enable")
    ? "re-enable"
    : fns.has("pci_msix_alloc_irq_at")
      ? "dynamic"
      : "none";
  const report = use.find((e) => e.fn === "error_report");
  const row: SeedMatrixRow = { profile, ...p, path, failsIn: [], errno: null, message: null };
  if (!report) return row;
  row.message = String(report.args.msg);
  // The SET_IRQS whose failure QEMU reported: the last failing one before the report.
  const at = use.findLastIndex(
    (e) =>
      e.seq < report.seq && e.fn === "ioctl" && e.args.request === "VFIO_DEVICE_SET_IRQS" && retErrno(e.ret) !== null,
  );
  if (at < 0) return row;
  const chain = errorChain(subtree(use, at));
  row.failsIn = chain.slice(-3);
  row.errno = errnoName(retErrno(use[at]!.ret)!);
  return row;
}

/** Runs the seed snippet on one profile and returns its first host's trace (the caller's runner). */
export type SeedRun = (profile: string) => readonly TraceEntry[];

/** seedMatrix - every profile's row, kernel by kernel, x86 before arm64, QEMU oldest first. */
export function seedMatrix(run: SeedRun): SeedMatrixRow[] {
  return allProfileNames().map((profile) => seedMatrixRow(profile, run(profile)));
}

/** The expected-matrix file's text: one row per line, so a change reads as a one-line diff. */
export function formatSeedMatrix(rows: readonly SeedMatrixRow[]): string {
  return `[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(",\n")}\n]\n`;
}
