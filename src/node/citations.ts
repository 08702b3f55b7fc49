/**
 * Turns an `@kernel` tag of the model into what a reader of the model-to-kernel map sees: every
 * cited source file a link to the file at the version cited, every Message-ID a link to its
 * archive, every commit hash a link to its commit page, and no private citation keys. The tags
 * keep their working notation (the keys name the trees the audit read, listed in the project's
 * reference notes); this module translates it. Tags are plain doc-comment text, not MDX.
 */
import { elixirUrl, linuxCommitUrl, loreUrl, qemuFileUrl } from "./sources";

/** One piece of a rendered citation. */
export type CitationPart =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "link"; text: string; href: string; code: boolean };

/**
 * The kernel a file citation links to when its tag names no release: the kernel of the seed
 * report and of the model's default profile (tests/kernel-map.test.ts checks that they agree).
 */
export const DEFAULT_KERNEL = "v6.5";
/** The QEMU release a QEMU file citation links to when its tag names none: the model's default QEMU. */
export const DEFAULT_QEMU = "v10.1.0";

/**
 * The private keys of the audit's source table (the team's research notes, kept outside this
 * repository), with what a reader
 * needs instead: the version of the copy that was read.
 */
export const SOURCE_KEYS: Readonly<Record<string, string>> = {
  T1: "≈v6.2–v6.4",
  T2: "a copy before v6.16",
  T3: "≈v6.10–v6.15",
  T4: "≈v6.2",
  I: "≈v6.12",
  K: "v6.16 or later",
  GMSI: "a copy before v6.16",
  GIRQ: "a copy after v6.16",
  G617: "v6.17.8",
  G71: "v7.1-rc4",
  Q: "QEMU 10.x",
  QD: "QEMU 10.x",
};

const KEY = `(?:${Object.keys(SOURCE_KEYS)
  .sort((a, b) => b.length - a.length)
  .join("|")})`;
const VERSION = String.raw`v\d+\.\d+(?:\.\d+)?(?:-rc\d+)?`;
/** A key, optionally with how its copy relates to a version: `T2 < v6.16`, `K ≥ v6.16`, `G617 = v6.17.8`. */
const KEY_ITEM = String.raw`\b${KEY}\b(?:\s*(?:=|<|>|≈|≥|≤)\s*${VERSION}(?:[–-]${VERSION})?)?`;
const KEY_LIST = `${KEY_ITEM}(?:\\s*,\\s*${KEY_ITEM})*`;

const RELATION_WORDS: Record<string, string> = {
  "=": "",
  "<": "a copy before ",
  ">": "a copy after ",
  "≈": "≈",
  "≥": "",
  "≤": "a copy up to ",
};

/** What one key item becomes for a reader. */
function translateItem(item: string): string {
  const m = new RegExp(String.raw`^(${KEY})(?:\s*(=|<|>|≈|≥|≤)\s*(.+))?$`).exec(item.trim());
  if (!m) return item;
  const [, key, rel, version] = m;
  if (!rel || !version) return SOURCE_KEYS[key as string] ?? item;
  if (rel === "≥") return `${version} or later`;
  return `${RELATION_WORDS[rel] ?? ""}${version}`;
}

function translateList(list: string): string {
  const items = [...new Set(list.split(/\s*,\s*/).map(translateItem))];
  return items.length === 1 ? (items[0] as string) : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * Rewrites the private notation of a tag into reader-facing words: "sources T1, I, K" becomes
 * "read in ≈v6.2–v6.4, ≈v6.12 and v6.16 or later", "G617 = v6.17.8" becomes "v6.17.8", a clause
 * that is only keys becomes "read in ...", and "UNVERIFIED" becomes "not confirmed".
 */
export function translateTag(tag: string): string {
  let s = tag.replace(new RegExp(String.raw`\bsources?\s+(${KEY_LIST})`, "g"), (_, list: string) => {
    return `read in ${translateList(list)}`;
  });
  s = s.replace(new RegExp(String.raw`\b${KEY}\s*=\s*(${VERSION})`, "g"), "$1");
  s = s
    .split(/(;\s*)/)
    .map((seg) => (new RegExp(`^\\s*${KEY_LIST}\\s*$`).test(seg) ? `read in ${translateList(seg.trim())}` : seg))
    .join("");
  // "read in ≈v6.10–v6.15, v6.10–v6.15 era" says the same range twice.
  s = s.replace(/≈(v[\d.]+–v[\d.]+), \1 era/g, "≈$1");
  return s.replace(/\bUNVERIFIED release\b/g, "release not confirmed").replace(/\bUNVERIFIED\b/g, "not confirmed");
}

/** A kernel or QEMU source file as tags cite it. */
const FILE = /\b(?:drivers|kernel|include|fs|lib|mm|arch|net|virt|Documentation|hw)\/[\w.+/-]*\w\.(?:c|h|rst)\b/g;
const MESSAGE_ID = /<?([A-Za-z0-9][\w.+=-]*@[A-Za-z0-9][\w-]*(?:\.[\w-]+)*)>?/g;
const HASH = /\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/g;

/** The release a tag cites for its files: its first exact version, "v6.2+" counting as v6.2. */
export function citedVersion(tag: string): { kernel?: string; qemu?: string } {
  // Versions attached to private keys describe the copy read, not the release cited.
  const withoutKeys = tag.replace(new RegExp(KEY_ITEM, "g"), " ");
  const qemu = /\bQEMU\s+(\d+\.\d+)(?:\.(\d+))?/.exec(withoutKeys);
  const kernel = new RegExp(String.raw`(?<![≈<>≥≤~]\s?)\b(${VERSION})\b`).exec(
    withoutKeys.replace(/\bQEMU\s+\S+/g, " "),
  );
  return {
    kernel: kernel?.[1],
    qemu: qemu ? `v${qemu[1]}.${qemu[2] ?? "0"}` : undefined,
  };
}

/** Splits plain text into text, file links, mail links and commit links. */
function linkText(text: string, code: boolean, version: { kernel?: string; qemu?: string }): CitationPart[] {
  type Hit = { start: number; end: number; part: CitationPart };
  const hits: Hit[] = [];
  const taken = (a: number, b: number) => hits.some((h) => a < h.end && b > h.start);
  for (const m of text.matchAll(MESSAGE_ID)) {
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      part: { kind: "link", text: m[0], href: loreUrl(m[1] as string), code },
    });
  }
  for (const m of text.matchAll(FILE)) {
    if (taken(m.index, m.index + m[0].length)) continue;
    const file = m[0];
    const qemuFile = file.startsWith("hw/");
    const at = qemuFile ? (version.qemu ?? DEFAULT_QEMU) : (version.kernel ?? DEFAULT_KERNEL);
    const href = qemuFile ? qemuFileUrl(at, file) : elixirUrl(at, file);
    hits.push({ start: m.index, end: m.index + file.length, part: { kind: "link", text: file, href, code: true } });
    const defaulted = qemuFile ? !version.qemu : !version.kernel;
    if (defaulted) {
      const label = qemuFile ? `QEMU ${at.slice(1)}` : at;
      hits.push({
        start: m.index + file.length,
        end: m.index + file.length,
        part: { kind: "text", text: ` (file as of ${label})` },
      });
    }
  }
  for (const m of text.matchAll(HASH)) {
    if (taken(m.index, m.index + m[0].length)) continue;
    hits.push({
      start: m.index,
      end: m.index + m[0].length,
      part: { kind: "link", text: m[0], href: linuxCommitUrl(m[0]), code: true },
    });
  }
  hits.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: CitationPart[] = [];
  let at = 0;
  for (const h of hits) {
    if (h.start > at)
      out.push(
        code ? { kind: "code", text: text.slice(at, h.start) } : { kind: "text", text: text.slice(at, h.start) },
      );
    out.push(h.part);
    at = Math.max(at, h.end);
  }
  if (at < text.length)
    out.push(code ? { kind: "code", text: text.slice(at) } : { kind: "text", text: text.slice(at) });
  return out;
}

/**
 * A tag as the map shows it. Backticks mark code, as in the doc comments. `fallback` supplies the
 * version when the tag itself names none (a function's tag inherits its file's).
 */
export function renderCitation(tag: string, fallback?: { kernel?: string; qemu?: string }): CitationPart[] {
  const own = citedVersion(tag);
  const version = { kernel: own.kernel ?? fallback?.kernel, qemu: own.qemu ?? fallback?.qemu };
  return translateTag(tag)
    .split("`")
    .flatMap((s, i) => (s === "" ? [] : linkText(s, i % 2 === 1, version)));
}
