// @ts-check
import { fileURLToPath } from "node:url";
import starlight from "@astrojs/starlight";
import { pluginCollapsibleSections } from "@expressive-code/plugin-collapsible-sections";
import { defineConfig } from "astro/config";

export default defineConfig({
  // docs/ is the site; src/ is the code the site explains (see DESIGN.md).
  srcDir: "./docs",
  site: "https://msi-lifecycle.example.org",
  integrations: [
    starlight({
      title: "msi-lifecycle",
      description:
        "How Linux hands MSI-X vectors to VFIO-assigned devices, and what breaks when a VF's MSI-X table grows between two opens.",
      favicon: "/favicon.svg",
      expressiveCode: { plugins: [pluginCollapsibleSections()] },
      sidebar: [
        {
          label: "Start here",
          items: [{ slug: "index", label: "Overview" }],
        },
      ],
    }),
  ],
  vite: {
    resolve: {
      alias: {
        "msi-lifecycle": fileURLToPath(new URL("./src/model/index.ts", import.meta.url)),
      },
    },
  },
});
