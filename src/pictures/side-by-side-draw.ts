/**
 * Side by side, drawn: two columns of calls as an SVG tree (each call wrapped onto
 * up to three lines, a pair of cells as tall as the taller one), the divergence
 * marker across both; and in words: the text alternative, the legend and the key
 * values for narrow screens. Browser-safe.
 */
import { foldItem, glyphSwatch, keyList, laneChipItems, legendList, outcomeItems } from "./legend";
import type { SideBySide, SideCell } from "./side-by-side";
import { CHAR, charsIn, type Element, type ElementContent, h, LINE, n, s, svgRoot, wrapCall } from "./svg";
import { callText, LANES, laneOf, OUTCOME_MARK, type Outcome, outcomes, retText, type TraceEntry } from "./trace-data";

/** Wider than the others: it stands in the main column, not in a list (PictureFrame.astro knows both). */
export const SIDE_WIDTH = 612;
const GAP = 12;
const COL_W = (SIDE_WIDTH - GAP) / 2;
const HEAD = 32;
const MARK = 30;
const TEXT_DX = 40;

/** The text lines of a call cell. */
function cellLines(e: TraceEntry, o: Outcome) {
  const indent = Math.min(e.depth, 8) * 2;
  const icon = o ? `${OUTCOME_MARK[o].icon} ` : "";
  const ret = retText(e);
  return {
    indent,
    lines: wrapCall(icon + callText(e), ret === "" ? "" : ` = ${ret}`, charsIn(COL_W - TEXT_DX - indent - 2), 3),
  };
}

function cellHeight(c: SideCell): number {
  return c.kind === "row" ? cellLines(c.entry as TraceEntry, c.outcome ?? null).lines.length * LINE : LINE;
}

/**
 * One drawn call, as a group moved to (x, y): its parts sit at the same local coordinates in
 * every cell, so the page's HTML compresses them cell after cell. The text alternative's table
 * says in words what the cell shows.
 */
function callCell(e: TraceEntry, o: Outcome, x: number, y: number, side: number): Element {
  const lane = LANES[laneOf(e.layer)];
  const { indent, lines } = cellLines(e, o);
  const ret = retText(e);
  const cls = ["msi-pic__row"];
  if (e.depth === 0) cls.push("msi-pic__row--action");
  if (o) cls.push(`msi-pic__row--${o}`);
  const base = LINE / 2 + 5;
  const parts: ElementContent[] = [];
  if (o && o !== "handled")
    parts.push(s("rect", { class: "msi-pic__band", x: 0, y: 1, width: COL_W, height: lines.length * LINE - 2, rx: 2 }));
  parts.push(
    s("text", { class: "msi-pic__seq", x: 29, y: n(base) }, String(e.seq)),
    s("rect", { class: `msi-pic__chip msi-pic__chip--${lane.id}`, x: 32, y: 4, width: 5, height: LINE - 8 }),
    ...lines.map((l, k) =>
      s("text", { class: "msi-pic__call", x: n(TEXT_DX + indent + (l.more ? 2 * CHAR : 0)), y: n(base + k * LINE) }, [
        l.text,
        ...(l.ret ? [s("tspan", { class: "msi-pic__ret" }, l.ret)] : []),
      ]),
    ),
  );
  const data = { "data-side": side, "data-seq": e.seq, "data-fn": e.fn, "data-ret": ret };
  return s("g", { class: cls.join(" "), transform: `translate(${n(x)} ${n(y)})`, ...data }, parts);
}

function cellSvg(c: SideCell, x: number, y: number, side: number): Element[] {
  const base = y + LINE / 2 + 5;
  if (c.kind === "blank") return [];
  if (c.kind === "end") return [s("text", { class: "msi-pic__fold-text", x: x + 6, y: n(base) }, "(end of trace)")];
  if (c.kind === "fold") {
    const text = `⋯ ${c.count} call${c.count === 1 ? "" : "s"} folded (#${c.from}–#${c.to})`;
    return [
      s("g", { class: "msi-pic__fold", "data-folded": c.count ?? 0 }, [
        s("text", { class: "msi-pic__fold-text", x: x + 6, y: n(base) }, text),
      ]),
    ];
  }
  return [callCell(c.entry as TraceEntry, c.outcome ?? null, x, y, side)];
}

function divergeMark(d: number, y: number): Element {
  const mid = y + MARK / 2;
  return s("g", { class: "msi-pic__diverge", "data-diverge-index": d }, [
    s("title", `The traces diverge at call #${d}`),
    s("line", { class: "msi-pic__diverge-line", x1: 0, y1: n(mid), x2: SIDE_WIDTH, y2: n(mid) }),
    s("rect", {
      class: "msi-pic__diverge-tag",
      x: n(SIDE_WIDTH / 2 - 165),
      y: n(y + 3),
      width: 330,
      height: MARK - 6,
      rx: 11,
    }),
    s(
      "text",
      { class: "msi-pic__diverge-text", x: SIDE_WIDTH / 2, y: n(mid + 5), "text-anchor": "middle" },
      `◆ the traces diverge at call #${d}`,
    ),
  ]);
}

/** Draws the two traces as an SVG tree. */
export function renderSideBySideSvg(sb: SideBySide): Element {
  const xs = [0, COL_W + GAP];
  const out: ElementContent[] = sb.profiles.flatMap((p, i) => [
    s("rect", { class: "msi-pic__lane-head", x: xs[i], y: 2, width: COL_W, height: HEAD - 6, rx: 3 }),
    s(
      "text",
      { class: "msi-pic__lane-label", x: xs[i] + COL_W / 2, y: 20, "text-anchor": "middle" },
      `${p} · ${sb.lengths[i]} calls`,
    ),
  ]);
  let y = HEAD;
  sb.rows.forEach((pair, k) => {
    if (k === sb.markerRow && sb.divergence >= 0) {
      out.push(divergeMark(sb.divergence, y));
      y += MARK;
    }
    for (const [i, c] of pair.entries()) out.push(...cellSvg(c, xs[i], y, i));
    y += Math.max(...pair.map(cellHeight)) + 2;
  });
  if (sb.divergence < 0) {
    out.push(
      s("text", { class: "msi-pic__fold-text", x: 6, y: n(y + 15) }, "The two traces are the same, call for call."),
    );
    y += LINE;
  }
  return svgRoot({ width: SIDE_WIDTH, height: y + 6 }, sb.ariaLabel, { "data-divergence": sb.divergence }, out);
}

function cellText(c: SideCell): string {
  if (c.kind === "blank") return "";
  if (c.kind === "end") return "(end of trace)";
  if (c.kind === "fold") return `⋯ ${c.count} calls folded (#${c.from}–#${c.to})`;
  const e = c.entry as TraceEntry;
  const o = c.outcome ?? null;
  const r = retText(e);
  return `#${e.seq} ${"  ".repeat(e.depth)}${callText(e)}${r === "" ? "" : ` = ${r}`}${o ? ` ${OUTCOME_MARK[o].icon} ${OUTCOME_MARK[o].words}` : ""}`;
}

/** The drawing's rows as an HTML table, with the divergence as its own row. */
export function renderSideBySideTable(sb: SideBySide): Element {
  const rows: Element[] = [];
  sb.rows.forEach((pair, k) => {
    if (k === sb.markerRow && sb.divergence >= 0)
      rows.push(
        h("tr", { class: "msi-pic__tr--diverge" }, [
          h("td", { colSpan: 2 }, h("strong", `◆ The traces diverge here, at call #${sb.divergence}.`)),
        ]),
      );
    rows.push(
      h(
        "tr",
        pair.map((c) => h("td", c.kind === "row" ? h("code", cellText(c)) : cellText(c))),
      ),
    );
  });
  return h("details", { class: "msi-pic__text" }, [
    h("summary", "The two traces side by side, as a table"),
    h("table", [
      h(
        "thead",
        h(
          "tr",
          sb.profiles.map((p) => h("th", { scope: "col" }, p)),
        ),
      ),
      h("tbody", rows),
    ]),
  ]);
}

/** The lane colours, the divergence marker and the outcomes the columns show. */
export function renderSideBySideLegend(sb: SideBySide): Element {
  const present = new Set<Outcome>(
    sb.rows.flatMap((p) => p.map((c) => (c.kind === "row" ? (c.outcome ?? null) : null))),
  );
  return legendList(
    [
      ...laneChipItems(),
      ...(sb.divergence >= 0
        ? [
            {
              swatch: glyphSwatch("◆", "msi-pic__diverge-tag", "msi-pic__diverge-text"),
              words: "the first call where the two traces differ",
            },
          ]
        : []),
      ...outcomeItems(present),
      ...(sb.rows.some((p) => p.some((c) => c.kind === "fold"))
        ? [foldItem("calls folded; the table below lists the rows drawn")]
        : []),
    ],
    "Legend of the side-by-side view",
  );
}

/** The divergence and each side's failures, as text. */
export function renderSideBySideKeys(
  sb: SideBySide,
  traces: readonly [readonly TraceEntry[], readonly TraceEntry[]],
): Element {
  const [pa, pb] = sb.profiles;
  const at = (t: readonly TraceEntry[]) => {
    const e = t[sb.divergence];
    return e ? { code: `${callText(e)}${retText(e) ? ` = ${retText(e)}` : ""}` } : "the end of its trace";
  };
  const lines: (string | { code: string })[][] =
    sb.divergence < 0
      ? [[`${pa} and ${pb} make the same ${sb.lengths[0]} calls.`]]
      : [
          [
            `◆ The traces diverge at call #${sb.divergence}: ${pa} has `,
            at(traces[0]),
            `; ${pb} has `,
            at(traces[1]),
            ".",
          ],
        ];
  sb.profiles.forEach((p, i) => {
    const o = outcomes(traces[i]);
    const origins = traces[i].filter((_, k) => o[k] === "origin");
    if (origins.length === 0) lines.push([`${p}: no call fails.`]);
    for (const e of origins.slice(0, 2))
      lines.push([`${p}: ✖ `, { code: `${callText(e)} = ${retText(e)}` }, ` fails here (call #${e.seq}).`]);
  });
  return keyList(lines, "Key values of the side-by-side view");
}
