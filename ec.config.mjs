// Expressive Code options live here (not in astro.config.mjs) because the <Code>
// component, which Snippet.astro uses, needs them importable at render time.

import { defineEcConfig } from "@astrojs/starlight/expressive-code";
import { pluginCollapsibleSections } from "@expressive-code/plugin-collapsible-sections";
import { pluginCodeNames } from "./docs/plugins/ec-code-names.mjs";

export default defineEcConfig({
  plugins: [pluginCollapsibleSections(), pluginCodeNames()],
});
