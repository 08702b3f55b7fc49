// @ts-check
/**
 * Makes every Markdown table on the site reachable from the keyboard.
 *
 * Starlight lets a wide table scroll sideways inside the text column. A scrolling box
 * that cannot take focus cannot be scrolled without a mouse (axe's
 * scrollable-region-focusable). Each table is therefore wrapped in a focusable, named
 * region (the pattern of Adrian Roselli's "Under-Engineered Responsive Tables"):
 * `<div class="msi-table" role="region" tabindex="0" aria-label="…">`. The name comes
 * from the heading the table sits under ("Table: What userspace sees"), numbered when
 * one heading has several tables, so that every region's name is unique on its page.
 * The styles are in docs/styles/site.css (.msi-table); components that draw their own
 * tables (ProfileTable, KernelMap) use the same wrapper.
 *
 * Astro 7 renders Markdown and MDX with Sätteri, so this is a Sätteri HAST plugin,
 * added to Astro's configured processor the way Starlight adds its own.
 */

/** @returns {import("satteri").HastPluginEntry} A fresh plugin per document (it counts tables per heading). */
const tableRegions = () => {
  let heading = "";
  /** @type {Map<string, number>} */
  const seen = new Map();
  return {
    name: "msi-table-regions",
    element: {
      // Visited in document order, so `heading` is the last heading before each table.
      filter: ["h1", "h2", "h3", "h4", "h5", "h6", "table"],
      visit(node, ctx) {
        if (node.tagName !== "table") {
          heading = ctx.textContent(node).trim();
          return;
        }
        const n = (seen.get(heading) ?? 0) + 1;
        seen.set(heading, n);
        const name = `Table${n > 1 ? ` ${n}` : ""}${heading ? `: ${heading}` : ""}`;
        ctx.wrapNode(node, {
          type: "element",
          tagName: "div",
          properties: { class: "msi-table", role: "region", tabindex: "0", "aria-label": name },
          children: [],
        });
      },
    },
  };
};

/** @returns {import("astro").AstroIntegration} */
export function tableRegionsIntegration() {
  return {
    name: "msi-table-regions",
    hooks: {
      "astro:config:setup": ({ config }) => {
        const processor = /** @type {{ name: string, options: { hastPlugins: unknown[] } }} */ (
          config.markdown.processor
        );
        if (processor?.name !== "satteri") {
          throw new Error(
            `docs/plugins/table-regions.mjs expects Astro's Sätteri Markdown processor, not "${processor?.name}"`,
          );
        }
        processor.options.hastPlugins.push(tableRegions);
      },
    },
  };
}
