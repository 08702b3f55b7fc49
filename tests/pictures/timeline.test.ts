/**
 * The call timeline is the verified run's trace: its rows are the trace entries,
 * one to one and in call order, and its drawing and its table say so.
 */
import type { Element, Root } from "hast";
import { describe, expect, test } from "vitest";
import {
  buildTimeline,
  LANES,
  laneOf,
  renderTimelineCalls,
  renderTimelineSvg,
  renderTimelineTable,
  type Timeline,
  type TraceEntry,
} from "../../src/pictures";
import { attr, attrOf, select, selectAll, tableSeqs, textOf, verifiedTrace } from "./helpers";

const SEED = "start/overview/seed-scenario";
const bug = verifiedTrace(SEED, "v6.5");
const fixed = verifiedTrace(SEED, "v6.5+fix");
const title = "the seed scenario";

/** Fails unless the timeline, its SVG and its table all show exactly `trace`, in order. */
function expectTimelineIsTrace(t: Timeline, trace: readonly TraceEntry[]) {
  expect(t.rows.map((r) => [r.seq, r.fn, r.ret, r.depth, r.layer])).toEqual(
    trace.map((e) => [e.seq, e.fn, e.ret, e.depth, e.layer]),
  );
  // The "all calls" list (built in the page when opened) lists every call, in order.
  expect(tableSeqs(allCalls(t))).toEqual(trace.map((e) => e.seq));
  // The drawing shows rows and folds that together cover the trace, in order, without gaps;
  // so does the text alternative's table, row for row and fold for fold.
  const svg = renderTimelineSvg(t);
  const covered = (tree: Element, rows: string, folds: string) => {
    const seqs: number[] = [];
    for (const g of selectAll(`${rows}, ${folds}`, tree)) {
      if (attr(g, "data-seq") !== undefined) seqs.push(Number(attr(g, "data-seq")));
      else for (let s = Number(attr(g, "data-from-seq")); s <= Number(attr(g, "data-to-seq")); s++) seqs.push(s);
    }
    return seqs;
  };
  expect(covered(svg, "g.msi-pic__row", "g.msi-pic__fold")).toEqual(trace.map((e) => e.seq));
  const table = renderTimelineTable(t);
  expect(covered(table, "tr[data-seq]", "tr.msi-pic__tr--fold")).toEqual(trace.map((e) => e.seq));
  expect(tableSeqs(table)).toEqual(attrOf(svg, "g.msi-pic__row", "data-seq").map(Number));
  // Folds read the same in the table as in the drawing, and only a folded drawing has an "all calls" list.
  expect(selectAll("tr.msi-pic__tr--fold td", table).map(textOf)).toEqual(
    selectAll("g.msi-pic__fold text", svg).map(textOf),
  );
  expect(selectAll("details[data-picture-all]", table).length).toBe(t.folded > 0 ? 1 : 0);
  // Drawn rows carry the entry's function and return value.
  const drawnFn = attrOf(svg, "g.msi-pic__row", "data-fn");
  const drawnSeq = attrOf(svg, "g.msi-pic__row", "data-seq").map(Number);
  expect(drawnFn).toEqual(drawnSeq.map((s) => trace[s].fn));
}

/** The "all calls" list of a timeline, as one tree. */
function allCalls(t: Timeline): Root {
  return { type: "root", children: renderTimelineCalls(t) };
}

describe("timeline of the seed scenario", () => {
  test("rows map 1:1, in order, to the verified run's trace entries (seq, fn, ret)", () => {
    expectTimelineIsTrace(buildTimeline(bug, { title, profile: "v6.5" }), bug);
    expectTimelineIsTrace(buildTimeline(fixed, { title, profile: "v6.5+fix" }), fixed);
    expectTimelineIsTrace(buildTimeline(bug, { title, profile: "v6.5", full: true }), bug);
  });

  test("the check fails when the picture and the trace disagree", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5" });
    const dropped = bug.filter((_, i) => i !== 40);
    expect(() => expectTimelineIsTrace(t, dropped)).toThrow();
    const changed = bug.map((e) => (e.fn === "msi_insert_desc" && e.ret === -34 ? { ...e, ret: 0 } : e));
    expect(() => expectTimelineIsTrace(t, changed)).toThrow();
    expect(() => expectTimelineIsTrace(buildTimeline(fixed, { title, profile: "v6.5+fix" }), bug)).toThrow();
  });

  test("groups rows per user action (depth-0 entry)", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5" });
    expect(t.groups.map((g) => g.head.seq)).toEqual(bug.filter((e) => e.depth === 0).map((e) => e.seq));
    expect(t.groups.flatMap((g) => g.rows.map((r) => r.seq))).toEqual(bug.map((e) => e.seq));
    expect(selectAll("details.msi-pic__step", allCalls(t)).length).toBe(t.groups.length);
  });

  test("the SVG is an image with a useful label, one lane per layer", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5" });
    const svg = renderTimelineSvg(t);
    expect(svg.tagName).toBe("svg");
    expect(attr(svg, "role")).toBe("img");
    const label = attr(svg, "aria-label") ?? "";
    expect(label).toContain(`Call timeline of "${title}" on v6.5: ${bug.length} calls`);
    const insert = bug.find((e) => e.fn === "msi_insert_desc" && e.ret === -34);
    expect(insert).toBeDefined();
    expect(label).toContain(
      `msi_insert_desc returns -34 ERANGE at step ${t.rows[insert!.seq].step} (call #${insert!.seq})`,
    );
    expect(attrOf(svg, "g.msi-pic__lane", "data-lane")).toEqual(["user", "vfio", "pci", "msi", "device"]);
    expect(selectAll("g.msi-pic__lane text.msi-pic__lane-label", svg).map(textOf)).toEqual(LANES.map((l) => l.label));
    // Every layer of the trace has a lane, and each drawn row sits in its layer's lane.
    for (const e of bug) expect(LANES[laneOf(e.layer)].layers).toContain(e.layer);
    const lanes = attrOf(svg, "g.msi-pic__row", "data-lane");
    const seqs = attrOf(svg, "g.msi-pic__row", "data-seq").map(Number);
    expect(lanes).toEqual(seqs.map((s) => LANES[laneOf(bug[s].layer)].id));
  });

  test("the failing msi_insert_desc is highlighted, with an icon and words, not colour alone", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5" });
    const svg = renderTimelineSvg(t);
    const row = select('g.msi-pic__row[data-fn="msi_insert_desc"][data-ret="-34 ERANGE"]', svg);
    expect(attr(row, "class")).toContain("msi-pic__row--origin");
    expect(textOf(select("text.msi-pic__call", row))).toMatch(/^✖ msi_insert_desc\(/);
    expect(select("path.msi-pic__cross", row)).toBeDefined();
    expect(t.origins.map((r) => r.fn)).toEqual(["msi_insert_desc"]);
    // Its callers pass the error up to the ioctl, whose error QEMU handles: it reports, and its
    // do_use at the top returns 0.
    const passes = t.rows.filter((r) => r.outcome === "passes");
    expect(passes.at(0)?.fn).toBe("vfio_pci_ioctl_set_irqs");
    expect(t.rows.find((r) => r.fn === "ioctl" && r.retText === "-34 ERANGE")?.outcome).toBe("handled");
    expect(t.rows.find((r) => r.depth === 0)?.retText).toBe("0");
    expect(passes.every((r) => r.retText.includes("ERANGE"))).toBe(true);
    // The table marks it in words too.
    for (const tree of [renderTimelineTable(t), allCalls(t)]) {
      const tr = select(`tr[data-seq="${t.origins[0].seq}"]`, tree);
      expect(textOf(tr?.children.at(-1) as Element)).toBe("-34 ERANGE ✖ fails here");
      expect(textOf(select("td strong", tr))).toBe("✖ fails here");
    }
  });

  test("a negative return that the caller handles is marked, but not as the failure", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5" });
    const probe = t.rows.find((r) => r.fn === "pci_irq_vector" && r.ret === -22);
    expect(probe?.outcome).toBe("handled");
    const full = renderTimelineSvg(buildTimeline(bug, { title, profile: "v6.5", full: true }));
    expect(textOf(select(`g.msi-pic__row--handled[data-seq="${probe?.seq}"] text.msi-pic__call`, full))).toMatch(
      /^↷ pci_irq_vector\(/,
    );
    expect(textOf(select(`tr[data-seq="${probe?.seq}"] strong`, allCalls(t)))).toBe("↷ error handled by the caller");
    expect(t.origins).not.toContain(probe);
  });

  test("folding keeps the user actions, the way down to the error and a window around it", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5", window: 2 });
    expect(t.folded).toBeGreaterThan(100);
    const drawn = new Set(t.items.flatMap((i) => (i.kind === "row" ? [i.row.seq] : [])));
    // User actions are drawn, except the middle of a run of the same action, which a fold counts.
    const actions = bug.filter((e) => e.depth === 0);
    const foldedActions = t.items.reduce((n, i) => n + (i.kind === "fold" ? i.actions : 0), 0);
    expect(actions.filter((e) => drawn.has(e.seq)).length + foldedActions).toBe(actions.length);
    const uses = actions.filter((e) => e.fn === "vfio_msix_vector_do_use");
    for (const e of [uses[0], uses[uses.length - 1]]) expect(drawn.has(e.seq)).toBe(true);
    for (const e of actions) if (e.fn !== "vfio_msix_vector_do_use") expect(drawn.has(e.seq)).toBe(true);
    const folds = selectAll("g.msi-pic__fold text", renderTimelineSvg(t)).map(textOf);
    expect(folds.some((f) => /^⋯ \d+ calls folded, 6 user actions \(steps 5–10\)/.test(f))).toBe(true);
    const origin = t.origins[0];
    for (let s = origin.seq - 2; s <= origin.seq + 2 && s < bug.length; s++) expect(drawn.has(s)).toBe(true);
    expect(folds.every((f) => /^⋯ \d+ calls? folded/.test(f))).toBe(true);
    const full = buildTimeline(bug, { title, profile: "v6.5", full: true });
    expect(full.folded).toBe(0);
    expect(attrOf(renderTimelineSvg(full), "g.msi-pic__row", "data-seq").length).toBe(bug.length);
  });

  test("on the fixed kernel nothing fails, and the domain's removal is drawn", () => {
    const t = buildTimeline(fixed, { title, profile: "v6.5+fix" });
    expect(t.origins).toEqual([]);
    expect(t.ariaLabel).toContain("no call fails");
    expect(attrOf(renderTimelineSvg(t), "g.msi-pic__row", "data-fn")).toContain("msi_remove_device_irq_domain");
  });
});
