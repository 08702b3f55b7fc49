/**
 * The plain variant of the site, for `npm run bench`'s side-by-side weight and
 * Lighthouse comparison: `MSI_PLAIN=1 astro build` builds the same pages into
 * dist-plain/ with the snippet, runner and picture components swapped for the plain
 * ones in docs/components/plain/ (a code block and the expected outputs as code
 * blocks; a picture's caption as text), i.e. what the pages would weigh as an
 * ordinary Starlight site. A Vite plugin swaps them where they are imported, so the
 * pages themselves are untouched.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const components = join(dirname(fileURLToPath(import.meta.url)), "..", "components");
const SWAPPED = ["Snippet.astro", "SnippetRunner.astro", "PictureFrame.astro"];

/** True when this build is the plain variant. */
export const PLAIN = process.env.MSI_PLAIN === "1";

/** The Vite plugin that resolves the swapped components to their plain versions. */
export function plainComponents() {
  return {
    name: "msi-plain-components",
    enforce: "pre",
    async resolveId(source, importer, options) {
      const name = SWAPPED.find((n) => source.endsWith(`/${n}`));
      if (!name || importer?.includes("/components/plain/")) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && resolved.id.split("?")[0] === join(components, name) ? join(components, "plain", name) : null;
    },
  };
}
