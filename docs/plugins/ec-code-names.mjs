// @ts-check
/**
 * An Expressive Code plugin that gives every code block's <pre> an accessible name.
 *
 * Expressive Code makes a code block that scrolls sideways keyboard-reachable at run
 * time (its "Scrollable block tabindex" module adds tabindex="0" and role="region").
 * A region without a name is announced as a bare "region", and two of them on one
 * page break axe's landmark-unique rule. The name is the block's title (a snippet's
 * file path) or, for an untitled excerpt, its language and first line, so that names
 * differ on a page and say what the block holds. On a block that does not scroll the
 * <pre> keeps no role, and the name is simply unused.
 */
import { visit } from "unist-util-visit";

/** Display names of the languages the pages use; others are shown upper-cased. */
const LANGUAGES = {
  c: "C",
  ts: "TypeScript",
  js: "JavaScript",
  sh: "Shell",
  bash: "Shell",
  diff: "Diff",
  text: "Text",
};
const MAX = 60;

/** @returns {import("@expressive-code/core").ExpressiveCodePlugin} */
export function pluginCodeNames() {
  return {
    name: "msi-code-names",
    hooks: {
      postprocessRenderedBlock({ codeBlock, renderData }) {
        const title = codeBlock.props.title;
        /** @type {string} */
        let name;
        if (title) name = `Code: ${title}`;
        else {
          const lang =
            LANGUAGES[/** @type {keyof typeof LANGUAGES} */ (codeBlock.language)] ?? codeBlock.language.toUpperCase();
          const first =
            codeBlock.code
              .split("\n")
              .find((l) => l.trim())
              ?.trim() ?? "";
          name = `${lang} code: ${first.length > MAX ? `${first.slice(0, MAX - 1)}…` : first}`;
        }
        visit(renderData.blockAst, "element", (node) => {
          if (node.tagName === "pre") node.properties["aria-label"] = name;
        });
      },
    },
  };
}
