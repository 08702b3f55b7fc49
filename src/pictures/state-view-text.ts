/**
 * The state view in words: the text alternative (one table row per user action),
 * the visible legend, and the key values for narrow screens. HTML trees built
 * with hastscript. Browser-safe.
 */
import { barSwatch, foldItem, glyphSwatch, keyList, type LegendItem, legendList } from "./legend";
import { ranges, type StateItem, type StateStep, type StateView, stepHead } from "./state-view";
import { stepValues } from "./state-view-svg";
import { type Element, h, s } from "./svg";

function hwText(s: StateStep): string {
  const a = s.after;
  if (a.domain === null) return s.changes.includes("domain removed") ? "none (✂ removed)" : "none";
  return s.stale ? `${a.domain.hwsize} ⚠ stale` : String(a.domain.hwsize);
}

function stepRow(s: StateStep): Element {
  const a = s.after;
  const cls = s.stale ? "msi-pic__tr--stale" : s.fault?.kind === "error" ? "msi-pic__tr--error" : undefined;
  return h("tr", { class: cls, "data-step": s.step, "data-seq": s.seq }, [
    h("td", String(s.step)),
    h("td", [h("code", s.action), ...(s.fault?.kind === "error" ? [" ", h("strong", `✖ ${s.fault.name}`)] : [])]),
    h("td", `${a.tableSize}${a.msixEnabled ? " (enabled)" : ""}`),
    h("td", hwText(s)),
    h("td", ranges(a.descriptors)),
    h("td", ranges(a.vfioContexts)),
    h("td", { class: "msi-pic__wrap" }, s.changes.join("; ") || "nothing"),
  ]);
}

/** The states as an HTML table: one row per user action, with what changed. */
export function renderStateViewTable(v: StateView): Element {
  const cols = ["Step", "user action", "Table Size", "domain hwsize", "descriptors", "VFIO contexts", "what changed"];
  return h("details", { class: "msi-pic__text" }, [
    h("summary", `The state of ${v.bdf ?? "the device"} after each of the ${v.steps.length} user actions, as a table`),
    h("table", [
      h(
        "thead",
        h(
          "tr",
          cols.map((c) => h("th", { scope: "col" }, c)),
        ),
      ),
      h("tbody", v.steps.map(stepRow)),
    ]),
  ]);
}

/** What the bars, cells and marks of this state view mean (the stale and error marks only when drawn). */
export function renderStateViewLegend(v: StateView): Element {
  const drawn = v.items.filter((i): i is Extract<StateItem, { kind: "step" }> => i.kind === "step").map((i) => i.last);
  const items: LegendItem[] = [
    {
      swatch: barSwatch("msi-pic__bar msi-pic__bar--table"),
      words: "MSI-X Table Size, as config space reports it now",
    },
    { swatch: barSwatch("msi-pic__bar msi-pic__bar--hwsize"), words: "hwsize of the device's per-device MSI domain" },
    { swatch: barSwatch("msi-pic__cell msi-pic__cell--desc", 4), words: "MSI descriptors, one cell per index" },
    {
      swatch: barSwatch("msi-pic__cell msi-pic__cell--ctx", 4),
      words: "VFIO contexts (a trigger per vector), one cell per index",
    },
  ];
  if (drawn.some((s) => s.stale)) {
    items.push(
      { swatch: barSwatch("msi-pic__bar msi-pic__bar--stale"), words: "⚠ stale: hwsize differs from the Table Size" },
      {
        swatch: [
          ...barSwatch("msi-pic__beyond"),
          s("line", { class: "msi-pic__boundary", x1: 4, y1: 0, x2: 4, y2: 16 }),
        ],
        words: "Table Size entries past hwsize, and the hwsize boundary (red line)",
      },
    );
  }
  if (drawn.some((s) => s.after.domain === null))
    items.push({ swatch: barSwatch("msi-pic__none"), words: "no per-device domain (✂ removed at this step)" });
  if (drawn.some((s) => s.fault?.kind === "error"))
    items.push({
      swatch: glyphSwatch("✖", "", "msi-pic__glyph msi-pic__glyph--origin"),
      words: "the step fails (red frame)",
    });
  if (v.items.some((i) => i.kind === "fold")) items.push(foldItem("steps that changed nothing, folded"));
  return legendList(items, "Legend of the state view");
}

/** The state view's key values as text: where hwsize goes stale, the domain goes, a step fails, and the end. */
export function renderStateViewKeys(v: StateView): Element {
  const drawn = v.items.filter((i): i is Extract<StateItem, { kind: "step" }> => i.kind === "step");
  const firstStale = drawn.find((i) => i.last.stale);
  const picked = drawn.filter(
    (i) =>
      i === firstStale ||
      i.last.fault?.kind === "error" ||
      stepValues(i)[1] === "✂ removed" ||
      i === drawn[drawn.length - 1],
  );
  const lines = picked.map((i) => {
    const [table, hw, desc, ctx] = stepValues(i);
    return [
      { code: stepHead(i) },
      `: Table Size ${table}; domain hwsize ${hw}; descriptors ${desc}; VFIO contexts ${ctx}.`,
    ];
  });
  if (lines.length === 0) lines.push([`No user action with a device state in this run.`]);
  return keyList(lines, `Key values of the state of ${v.bdf ?? "the device"}`);
}
