/**
 * The "untested code block" rule of the docs checks: a page may show code that
 * looks runnable only as a snippet the tests run, or marked as illustrative.
 * Runnable-looking means one of RUNNABLE_LANGS, the one list of them, in a
 * fenced block (```ts) or in Starlight's <Code lang="ts" code="..." />.
 * Node-only (it reads MDX trees).
 */
import type { Code } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";

/** The languages of JavaScript and TypeScript, every way a code block can name them. */
export const RUNNABLE_LANGS: ReadonlySet<string> = new Set([
  "ts",
  "typescript",
  "tsx",
  "mts",
  "cts",
  "js",
  "javascript",
  "jsx",
  "mjs",
  "cjs",
]);

/** The meta word that marks a code block as deliberately untested (```ts illustrative, meta="illustrative"). */
export const ILLUSTRATIVE = "illustrative";

/** Starlight's component that shows code from a `code` prop. */
export const CODE_COMPONENT = "Code";

const advice = (lang: string, how: string) =>
  `a \`${lang}\` code block that no test runs. Move it to snippets/ and embed it with ` +
  `<Snippet src="..." />, or mark it ${how} if it is not meant to run`;

/** Why a fenced code block is an untested runnable block, or undefined when it is not one. */
export function untestedFence(code: Code): string | undefined {
  const lang = (code.lang ?? "").toLowerCase();
  const meta = (code.meta ?? "").split(/\s+/);
  if (!RUNNABLE_LANGS.has(lang) || meta.includes(ILLUSTRATIVE)) return undefined;
  return advice(code.lang ?? lang, `\`\`\`${code.lang} ${ILLUSTRATIVE}`);
}

/** Why a <Code> element is an untested runnable block (or one whose language cannot be read), or undefined. */
export function untestedCodeElement(el: MdxJsxFlowElement | MdxJsxTextElement): string | undefined {
  if (el.name !== CODE_COMPONENT) return undefined;
  const attr = (name: string) => el.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
  const lang = attr("lang");
  const meta = attr("meta");
  if (lang && typeof lang.value !== "string") {
    return `<${CODE_COMPONENT}> needs a plain string lang="...", so the docs checks can tell whether it runs`;
  }
  const name = typeof lang?.value === "string" ? lang.value : "";
  if (!RUNNABLE_LANGS.has(name.toLowerCase())) return undefined;
  if (typeof meta?.value === "string" && meta.value.split(/\s+/).includes(ILLUSTRATIVE)) return undefined;
  return advice(name, `<${CODE_COMPONENT} lang="${name}" meta="${ILLUSTRATIVE}" ... />`);
}
