// Expressive Code options live here (not in astro.config.mjs) because the <Code>
// component, which Snippet.astro uses, needs them importable at render time.
import { pluginCollapsibleSections } from "@expressive-code/plugin-collapsible-sections";
import { defineEcConfig } from "@astrojs/starlight/expressive-code";

export default defineEcConfig({
  plugins: [pluginCollapsibleSections()],
});
