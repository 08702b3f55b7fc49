/**
 * Every source is a link: each Message-ID on a page links to its archive
 * (https://lore.kernel.org/r/<id>), each commit hash to a commit page, and every external link
 * is one of the allowed source forms. Pages are read with the real MDX parser.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { checkSources, elixirUrl, linkForm, loreUrl } from "../src/node/sources";

const root = join(import.meta.dirname, "..");
const pagesDir = join(root, "docs/content/docs");
const pages = readdirSync(pagesDir, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".mdx") || f.endsWith(".md"))
  .sort();

describe("the checker", () => {
  const page = (body: string) => `---\ntitle: t\n---\n\n${body}\n`;

  test("an unlinked Message-ID is a problem, named with the link to write", () => {
    const problems = checkSources(page("Jason's reply, `<20230918141705.GE13795@ziepe.ca>`, says no."));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toContain("https://lore.kernel.org/r/20230918141705.GE13795@ziepe.ca");
    expect(problems[0]?.line).toBe(5);
  });

  test("a bare Message-ID in plain text is a problem too", () => {
    expect(checkSources(page("Message-ID 20230914191406.54656-1-shannon.nelson@amd.com."))).toHaveLength(1);
  });

  test("a Message-ID linked to its archive passes; linked elsewhere it does not", () => {
    const id = "87led3xqye.ffs@tglx";
    expect(checkSources(page(`tglx, [\`<${id}>\`](${loreUrl(id)}).`))).toEqual([]);
    expect(checkSources(page(`tglx, [\`<${id}>\`](${loreUrl("87a5tjxcva.ffs@tglx")}).`))).toHaveLength(1);
  });

  test("a commit hash must link to a commit page for that hash", () => {
    const url = "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=9cc82d99b13c";
    expect(checkSources(page("Fixed by 9cc82d99b13c."))).toHaveLength(1);
    expect(checkSources(page(`Fixed by [\`9cc82d99b13c\`](${url}).`))).toEqual([]);
    expect(checkSources(page(`Fixed by [\`3095cc0d5b2c\`](${url}).`))).toHaveLength(1);
  });

  test("a git diff index line names blobs, not commits; code blocks and English words are not checked", () => {
    expect(checkSources(page("The hunk header `index cbb4bcbfbf83..f66d5e7e078b` names two blobs."))).toEqual([]);
    expect(checkSources(page("```diff\nindex cbb4bcbfbf83..f66d5e7e078b 100644\n```"))).toEqual([]);
    expect(checkSources(page("The faced and effaced defaced words, and the date 20230914."))).toEqual([]);
  });

  test("external links must have an allowed source form", () => {
    expect(checkSources(page("[a blog](https://example.com/post)"))).toHaveLength(1);
    expect(checkSources(page(`[msi.c](${elixirUrl("v6.5", "kernel/irq/msi.c")})`))).toEqual([]);
    expect(linkForm("https://elixir.bootlin.com/linux/latest/source/kernel/irq/msi.c")).toBeUndefined();
    expect(linkForm("https://reviews.freebsd.org/D48890")?.kind).toBe("review");
    expect(linkForm("https://gitlab.com/qemu-project/qemu/-/commit/5ebffa4e87e7")?.id).toBe("5ebffa4e87e7");
  });
});

describe("the pages", () => {
  test("there are pages to check", () => {
    expect(pages.length).toBeGreaterThan(5);
  });

  for (const file of pages) {
    const name = relative(root, join(pagesDir, file));
    test(`${name}: every Message-ID and commit hash is a link of the right form`, () => {
      const problems = checkSources(readFileSync(join(pagesDir, file), "utf8"));
      expect(problems.map((p) => `${name}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
    });
  }
});
