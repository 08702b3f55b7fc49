/**
 * What a snippet prints, kept up to a cap: a run keeps its first
 * OUTPUT_LIMITS.lines lines and OUTPUT_LIMITS.bytes bytes (UTF-8) of output and
 * counts the lines it did not keep, so a snippet printing a million lines costs
 * the page one short text and a number. The same cap holds in the browser worker
 * and in the Node docs runner (one core). Browser-safe.
 */
import { formatArgs } from "./format";

export const OUTPUT_LIMITS = { lines: 1000, bytes: 64 * 1024 } as const;

/** The console a snippet gets: every method prints one (possibly multi-line) entry. */
export interface SnippetConsole {
  log(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

/** The UTF-8 length of a string, without encoding it. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    // A surrogate pair is 4 bytes for 2 code units; other BMP characters 2 or 3 bytes for 1.
    n += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return n;
}

/** The longest start of `line` whose UTF-8 length is at most `bytes`. */
function cut(line: string, bytes: number): string {
  let k = Math.min(line.length, bytes);
  while (k > 0 && utf8Length(line.slice(0, k)) > bytes) k--;
  return line.slice(0, k);
}

/** The lines one console call prints, formatting only what may span lines (objects). */
function droppedLines(args: readonly unknown[]): number {
  let n = 1;
  for (const a of args) {
    if (typeof a === "string") n += lineCount(a) - 1;
    else if (a !== null && typeof a === "object") n += lineCount(formatArgs([a])) - 1;
  }
  return n;
}

/** Counts the lines of a printed entry ("a\nb" is two). */
function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export class OutputCollector {
  private readonly kept: string[] = [];
  private bytes = 0;
  private full = false;
  private closed = false;
  /** Lines printed but not kept (in full) because of the cap. */
  dropped = 0;
  /** The console handed to the snippet. */
  readonly console: SnippetConsole;

  /**
   * `onKeep` hears each line as it is kept, so a runner can pass lines on while the run goes:
   * a snippet that never yields afterwards still shows what it printed before.
   */
  constructor(
    private readonly limits: { lines: number; bytes: number } = OUTPUT_LIMITS,
    private readonly onKeep?: (line: string) => void,
  ) {
    const print = (...args: unknown[]) => {
      if (this.full && !this.closed) this.dropped += droppedLines(args);
      else this.print(formatArgs(args));
    };
    this.console = { log: print, info: print, warn: print, error: print, debug: print };
  }

  /** Keeps `text` (one console call) as far as the cap allows. */
  print(text: string): void {
    if (this.closed) return;
    if (this.full) {
      this.dropped += lineCount(text);
      return;
    }
    for (const line of text.split("\n")) this.keep(line);
  }

  private keep(line: string): void {
    if (this.full) {
      this.dropped++;
      return;
    }
    const size = utf8Length(line) + (this.kept.length > 0 ? 1 : 0);
    if (this.kept.length < this.limits.lines && this.bytes + size <= this.limits.bytes) {
      this.push(line);
      this.bytes += size;
      return;
    }
    this.full = true;
    this.dropped++;
    const room = this.limits.bytes - this.bytes - 1;
    if (this.kept.length < this.limits.lines && room > 0) this.push(cut(line, room));
  }

  private push(line: string): void {
    this.kept.push(line);
    this.onKeep?.(line);
  }

  /** After the run: what the snippet prints from now on (untracked async work) is ignored. */
  close(): void {
    this.closed = true;
  }

  /** The kept output, lines joined with "\n". */
  get text(): string {
    return this.kept.join("\n");
  }
}

/** "1,234 more lines were not kept: a run keeps at most 1,000 lines and 64 KB of output." */
export function droppedNote(dropped: number, limits = OUTPUT_LIMITS): string {
  const n = dropped.toLocaleString("en-US");
  return `${n} more line${dropped === 1 ? " was" : "s were"} not kept: a run keeps at most ${limits.lines.toLocaleString("en-US")} lines and ${limits.bytes / 1024} KB of output.`;
}
