/**
 * What a page's own ESM (`import ... from`, `export const ...`) binds, read from
 * the program remark-mdx parses each `import`/`export` block into, and the
 * components a page uses without binding them. MDX fails such a page only when
 * it renders ("Expected component `Snippet` to be defined"), so the docs tests
 * name the page and line first. Node-only (it reads MDX trees).
 */
import type { Root } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import { visit } from "unist-util-visit";

/** The part of an estree Program that binds names at the top level. */
interface EsmProgram {
  body: {
    type: string;
    specifiers?: { local: { name: string } }[];
    declaration?: {
      type: string;
      id?: { name: string } | null;
      declarations?: { id: { type: string; name?: string } }[];
    };
  }[];
}

/** The names the page's import and export statements bind. */
export function boundNames(tree: Root): Set<string> {
  const names = new Set<string>();
  visit(tree, "mdxjsEsm", (node) => {
    const program = (node as { data?: { estree?: EsmProgram | null } }).data?.estree;
    for (const statement of program?.body ?? []) {
      for (const s of statement.specifiers ?? []) names.add(s.local.name);
      const d = statement.declaration;
      if (d?.id?.name) names.add(d.id.name);
      for (const v of d?.declarations ?? []) if (v.id.type === "Identifier" && v.id.name) names.add(v.id.name);
    }
  });
  return names;
}

/** Where the components this project's pages use are imported from, for the advice. */
const IMPORT_FROM: Record<string, string> = {
  Snippet: 'import Snippet from "@components/Snippet.astro";',
  Timeline: 'import Timeline from "@components/Timeline.astro";',
  StateView: 'import StateView from "@components/StateView.astro";',
  SideBySide: 'import SideBySide from "@components/SideBySide.astro";',
  Code: 'import { Code } from "@astrojs/starlight/components";',
};

/**
 * Why a JSX element names a component the page does not bind, or undefined. A component is
 * a capitalised name (`<Snippet>`, `<Tabs.Item>` by its first part); lower-case names are HTML.
 */
export function unboundComponent(el: MdxJsxFlowElement | MdxJsxTextElement, bound: Set<string>): string | undefined {
  const base = el.name?.split(".")[0];
  if (!base || !/^[A-Z]/.test(base) || bound.has(base)) return undefined;
  const how = IMPORT_FROM[base] ?? `an import of ${base}`;
  return `<${el.name}> is used, but this page does not import ${base}: add ${how} below the front matter`;
}
