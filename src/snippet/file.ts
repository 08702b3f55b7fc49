/**
 * The format of a snippet file (snippets/<group>/<page>/<what-it-shows>.ts):
 *
 *   // Shows: <one line saying what the snippet shows>
 *   import { createHost, KERNEL } from "msi-lifecycle";
 *   // #region setup            <- optional, rendered collapsed
 *   ...
 *   // #endregion
 *   console.log(...);
 *
 *   // Output (v6.5):           <- one block per kernel profile it runs under;
 *   // -34                         a bare "// Output:" means the default profile
 *
 *   // Output (v6.5+fix):
 *   // 0
 *
 * The body (what the page shows, what runs in the page and in CI) is everything
 * between the `// Shows:` line and the first `// Output` line. Pure string
 * processing, no Node APIs: the site's build uses it too.
 */

import { DEFAULT_PROFILE } from "../model/profiles"; // a bare "// Output:" block runs under it

export interface ExpectedOutput {
  profile: string;
  /** Expected text, lines joined with "\n". */
  text: string;
  /** 1-based line of the `// Output` header in the file. */
  line: number;
}

export interface CollapsedRegion {
  name: string;
  /** 1-based lines within the body, markers included. */
  startLine: number;
  endLine: number;
}

export interface ParsedSnippet {
  title: string;
  body: string;
  /** 1-based file line of the body's first line: file line = body line + bodyOffset. */
  bodyOffset: number;
  outputs: ExpectedOutput[];
  regions: CollapsedRegion[];
}

export class SnippetFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const SHOWS = /^\/\/ Shows: (.+)$/;
const OUTPUT = /^\/\/ Output(?: \(([^)]+)\))?:\s*$/;
const REGION = /^\s*\/\/ #region\b\s*(.*)$/;
const END_REGION = /^\s*\/\/ #endregion\b/;

/** Parses a snippet file; throws SnippetFormatError (with a file line) on a malformed file. */
export function parseSnippet(text: string): ParsedSnippet {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const shows = SHOWS.exec(lines[0] ?? "");
  if (!shows) throw new SnippetFormatError('the first line must be "// Shows: <what the snippet shows>"', 1);
  const firstOutput = lines.findIndex((l) => OUTPUT.test(l));
  if (firstOutput < 0) {
    throw new SnippetFormatError(
      'no expected output: end the file with a "// Output (<profile>):" block',
      lines.length,
    );
  }
  const bodyLines = lines.slice(1, firstOutput);
  while (bodyLines.length && bodyLines[bodyLines.length - 1].trim() === "") bodyLines.pop();
  const outputs = parseOutputs(lines, firstOutput);
  return {
    title: shows[1].trim(),
    body: `${bodyLines.join("\n")}\n`,
    bodyOffset: 1,
    outputs,
    regions: parseRegions(bodyLines),
  };
}

function parseOutputs(lines: string[], from: number): ExpectedOutput[] {
  const outputs: ExpectedOutput[] = [];
  let current: { profile: string; line: number; text: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    while (current.text.length && current.text[current.text.length - 1] === "") current.text.pop();
    outputs.push({ profile: current.profile, line: current.line, text: current.text.join("\n") });
  };
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    const header = OUTPUT.exec(line);
    if (header) {
      flush();
      const profile = header[1]?.trim() || DEFAULT_PROFILE;
      if (outputs.some((o) => o.profile === profile)) {
        throw new SnippetFormatError(`a second "// Output" block for profile ${profile}`, i + 1);
      }
      current = { profile, line: i + 1, text: [] };
    } else if (line === "//" || line.startsWith("// ")) {
      current?.text.push(line.slice(3));
    } else if (line.trim() === "") {
      if (i < lines.length - 1) current?.text.push("");
    } else {
      throw new SnippetFormatError(
        `only "// " comment lines may follow the expected output, found: ${line.trim().slice(0, 60)}`,
        i + 1,
      );
    }
  }
  flush();
  return outputs;
}

function parseRegions(bodyLines: string[]): CollapsedRegion[] {
  const regions: CollapsedRegion[] = [];
  let open: { name: string; start: number } | undefined;
  bodyLines.forEach((line, i) => {
    const region = REGION.exec(line);
    if (region) {
      if (open) throw new SnippetFormatError("nested // #region is not supported", i + 2);
      open = { name: region[1].trim() || "setup", start: i + 1 };
    } else if (END_REGION.test(line)) {
      if (!open) throw new SnippetFormatError("// #endregion without a // #region", i + 2);
      regions.push({ name: open.name, startLine: open.start, endLine: i + 1 });
      open = undefined;
    }
  });
  if (open) throw new SnippetFormatError(`// #region ${open.name} is never closed`, open.start + 1);
  return regions;
}

/** Normalises output for comparison: no trailing spaces, no trailing blank lines. */
export function normaliseOutput(text: string): string {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .join("\n")
    .replace(/\n+$/, "");
}

/**
 * Rewrites the expected-output blocks of a snippet file (update mode). The body
 * is kept byte for byte; blocks come out in the given order.
 */
export function withOutputs(text: string, outputs: { profile: string; text: string }[]): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const firstOutput = lines.findIndex((l) => OUTPUT.test(l));
  const head = lines.slice(0, firstOutput < 0 ? lines.length : firstOutput);
  while (head.length && head[head.length - 1].trim() === "") head.pop();
  const blocks = outputs.map((o) => {
    const header = `// Output (${o.profile}):`;
    const body = normaliseOutput(o.text)
      .split("\n")
      .map((l) => (l === "" ? "//" : `// ${l}`));
    return [header, ...body].join("\n");
  });
  return `${head.join("\n")}\n\n${blocks.join("\n\n")}\n`;
}
