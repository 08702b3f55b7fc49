/**
 * Every source a page cites is a link a reader can follow: a mail's Message-ID links to its
 * archive, a commit hash to a browsable commit page, a file citation to the file at the version
 * cited. This module knows the allowed link forms, builds them, and checks a page against them
 * with the real MDX parser (src/node/mdx.ts), never with regular expressions over MDX: only
 * the text of parsed prose nodes is searched for Message-IDs and hashes. Node-only.
 */
import type { Link, Root, RootContent } from "mdast";
import { parseMdx } from "./mdx";

/** The public archive of a mail, by Message-ID (without the angle brackets). */
export const loreUrl = (messageId: string) => `https://lore.kernel.org/r/${messageId}`;

/** A kernel source file as it is at a release tag, e.g. ("v6.5", "kernel/irq/msi.c"). */
export const elixirUrl = (version: string, file: string) =>
  `https://elixir.bootlin.com/linux/${version}/source/${file}`;

/** A QEMU source file as it is at a release tag, e.g. ("v8.1.0", "hw/vfio/pci.c"). */
export const qemuFileUrl = (version: string, file: string) =>
  `https://gitlab.com/qemu-project/qemu/-/blob/${version}/${file}`;

/** A mainline Linux commit. */
export const linuxCommitUrl = (hash: string) =>
  `https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=${hash}`;

/** One allowed form of an external link, and what it names. */
interface LinkForm {
  kind: "mail" | "commit" | "review" | "file" | "pull-request";
  pattern: RegExp;
}

const HASH = "([0-9a-f]{7,40})";
const PATH = "[\\w.+/-]+";
/** The only external link targets a page may use for a source. */
export const LINK_FORMS: readonly LinkForm[] = [
  { kind: "mail", pattern: /^https:\/\/lore\.kernel\.org\/r\/([^\s<>/]+@[^\s<>/]+)$/ },
  {
    kind: "commit",
    pattern: new RegExp(`^https://git\\.kernel\\.org/pub/scm/linux/kernel/git/${PATH}\\.git/commit/\\?id=${HASH}$`),
  },
  { kind: "commit", pattern: new RegExp(`^https://gitlab\\.com/qemu-project/qemu/-/commit/${HASH}$`) },
  { kind: "commit", pattern: new RegExp(`^https://cgit\\.freebsd\\.org/src/commit/\\?id=${HASH}$`) },
  { kind: "review", pattern: /^https:\/\/reviews\.freebsd\.org\/D\d+$/ },
  { kind: "pull-request", pattern: /^https:\/\/github\.com\/freebsd\/freebsd-src\/pull\/\d+$/ },
  {
    kind: "file",
    pattern: new RegExp(
      `^https://elixir\\.bootlin\\.com/linux/v\\d+\\.\\d+(\\.\\d+)?(-rc\\d+)?/source/${PATH}(#L\\d+)?$`,
    ),
  },
  {
    kind: "file",
    pattern: new RegExp(`^https://gitlab\\.com/qemu-project/qemu/-/blob/v\\d+\\.\\d+\\.\\d+/${PATH}(#L\\d+)?$`),
  },
];

/** The form an external URL has, or undefined when it is not an allowed source link. */
export function linkForm(url: string): { kind: LinkForm["kind"]; id?: string } | undefined {
  for (const f of LINK_FORMS) {
    const m = f.pattern.exec(url);
    if (m) return { kind: f.kind, id: m[1] };
  }
  return undefined;
}

/** A Message-ID as it appears in prose: `<local@domain>` or the bare `local@domain`. */
const MESSAGE_ID = /<?([A-Za-z0-9][\w.+=-]*@[A-Za-z0-9][\w-]*(?:\.[\w-]+)*)>?/g;
/** A commit hash: 7 to 40 hex digits, with at least one digit and one letter (so no English word or date). */
const HEX = /\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/g;
/** A git diff index line or blob range (`index a..b` / `a..b`): blob ids, not commits. */
const BLOB_RANGE = /^(index )?[0-9a-f]{7,40}\.\.[0-9a-f]{7,40}( \d+)?$/;

export interface SourceProblem {
  line: number;
  column: number;
  message: string;
}

type Node = Root | RootContent;

/** Checks one page. A page that does not parse is one problem, not an exception. */
export function checkSources(source: string): SourceProblem[] {
  let tree: Root;
  try {
    tree = parseMdx(source);
  } catch (e) {
    const err = e as Error & { place?: { line: number; column: number } };
    return [{ line: err.place?.line ?? 1, column: err.place?.column ?? 1, message: `not valid MDX: ${err.message}` }];
  }
  const problems: SourceProblem[] = [];
  const at = (node: Node) => ({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });

  const walk = (node: Node, link: Link | undefined) => {
    // Code blocks quote source and mail text verbatim; frontmatter and ESM are not prose.
    if (node.type === "code" || node.type === "yaml" || node.type === "mdxjsEsm") return;
    if (node.type === "link") {
      const form = /^https?:/.test(node.url) ? linkForm(node.url) : undefined;
      if (/^https?:/.test(node.url) && !form) {
        problems.push({ ...at(node), message: `link target is not an allowed source form: ${node.url}` });
      }
      for (const child of node.children) walk(child, node);
      return;
    }
    if (node.type === "text" || node.type === "inlineCode") {
      checkText(node.value, node.type === "inlineCode", link, at(node), problems);
      return;
    }
    if ("children" in node) for (const child of node.children as Node[]) walk(child, link);
  };
  walk(tree, undefined);
  return problems;
}

function checkText(
  value: string,
  isCode: boolean,
  link: Link | undefined,
  where: { line: number; column: number },
  problems: SourceProblem[],
) {
  const form = link ? linkForm(link.url) : undefined;
  const masked: Array<[number, number]> = [];
  for (const m of value.matchAll(MESSAGE_ID)) {
    const id = m[1] as string;
    masked.push([m.index, m.index + m[0].length]);
    if (form?.kind === "mail" && form.id === id) continue;
    if (link?.url.startsWith("mailto:")) continue;
    problems.push({
      ...where,
      message: link
        ? `Message-ID ${id} links to ${link.url}, not to ${loreUrl(id)}`
        : `Message-ID ${id} is not a link: write [\`<${id}>\`](${loreUrl(id)})`,
    });
  }
  if (isCode && BLOB_RANGE.test(value.trim())) return;
  for (const m of value.matchAll(HEX)) {
    if (masked.some(([a, b]) => m.index >= a && m.index < b)) continue;
    const hash = m[0];
    const ok =
      form?.kind === "commit" && form.id !== undefined && (form.id.startsWith(hash) || hash.startsWith(form.id));
    if (ok) continue;
    problems.push({
      ...where,
      message: link
        ? `commit ${hash} links to ${link.url}, which is not a commit page for it`
        : `commit ${hash} is not a link to a commit page (e.g. ${linuxCommitUrl(hash)})`,
    });
  }
}
