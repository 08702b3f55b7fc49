/**
 * The state view's legend: what its bars, cells and marks mean, each with a mark drawn
 * by the drawing's own classes (so it has the drawing's colours in both themes). The
 * drawing is text itself (state-view-draw.ts: every bar's value in words, what changed
 * at each step) and wraps to the column, so it needs no separate table nor key values
 * for narrow screens. HTML, built with hastscript. Browser-safe.
 */
import { type LegendItem, legendList, mark } from "./legend";
import type { StateItem, StateView } from "./state-view";
import type { Element } from "./hast";

/** What the bars, cells and marks of this state view mean (the stale and error marks only when drawn). */
export function renderStateViewLegend(v: StateView): Element {
  const drawn = v.items.filter((i): i is Extract<StateItem, { kind: "step" }> => i.kind === "step").map((i) => i.last);
  const items: LegendItem[] = [
    { mark: mark("msi-pic__bar msi-pic__bar--table"), words: "MSI-X Table Size, as config space reports it now" },
    { mark: mark("msi-pic__bar msi-pic__bar--hwsize"), words: "hwsize of the device's per-device MSI domain" },
    { mark: mark("msi-pic__cell msi-pic__cell--desc"), words: "MSI descriptors, one cell per index" },
    {
      mark: mark("msi-pic__cell msi-pic__cell--ctx"),
      words: "VFIO contexts (a trigger per vector), one cell per index",
    },
  ];
  if (drawn.some((s) => s.stale)) {
    items.push(
      { mark: mark("msi-pic__bar msi-pic__bar--stale"), words: "⚠ stale: hwsize differs from the Table Size" },
      {
        mark: mark("msi-pic__beyond"),
        words: "Table Size entries past hwsize, from the hwsize boundary (solid red line)",
      },
    );
  }
  if (drawn.some((s) => s.after.domain === null))
    items.push({ mark: mark("msi-pic__none"), words: "no per-device domain (✂ removed at this step)" });
  if (drawn.some((s) => s.fault?.kind === "error"))
    items.push({ mark: mark("msi-pic__mark--cross", "✖"), words: "the step fails (red frame)" });
  if (v.items.some((i) => i.kind === "fold"))
    items.push({ mark: mark("msi-pic__fold", "⋯"), words: "steps that changed nothing, folded" });
  return legendList(items, "Legend of the state view");
}
