import { defineCollection } from "astro:content";
import { docsLoader, i18nLoader } from "@astrojs/starlight/loaders";
import { docsSchema, i18nSchema } from "@astrojs/starlight/schema";

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // Starlight's UI strings, overridden where they misled (docs/content/i18n/en.json): the
  // table of contents called the top of every page "Overview", the name of our first page.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
