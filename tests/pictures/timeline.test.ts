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
  renderTimelineDrawing,
  renderTimelineTable,
  type Timeline,
  type TraceEntry,
} from "../../src/pictures";
import { attr, drawnCalls, select, selectAll, tableSeqs, textOf, verifiedTrace } from "./helpers";

const SEED = "start/overview/seed-scenario";
const bug = verifiedTrace(SEED, "v6.5");
const fixed = verifiedTrace(SEED, "v6.5+fix");
const title = "the seed scenario";

/** Fails unless the timeline, its drawing and its "all calls" list all show exactly `trace`, in order. */
function expectTimelineIsTrace(t: Timeline, trace: readonly TraceEntry[]) {
  expect(t.rows.map((r) => [r.seq, r.fn, r.ret, r.depth, r.layer])).toEqual(
    trace.map((e) => [e.seq, e.fn, e.ret, e.depth, e.layer]),
  );
  // The "all calls" list (built in the page when opened) lists every call, in order.
  expect(tableSeqs(allCalls(t))).toEqual(trace.map((e) => e.seq));
  // The drawing (a list that is its own text) shows rows and folds that together cover the trace,
  // in order, without gaps.
  const drawing = renderTimelineDrawing(t);
  const seqs: number[] = [];
  for (const li of selectAll("li.msi-pic__row, li.msi-pic__fold", drawing)) {
    if (attr(li, "data-from-seq") === undefined) seqs.push(Number(textOf(select("b", li))));
    else for (let s = Number(attr(li, "data-from-seq")); s <= Number(attr(li, "data-to-seq")); s++) seqs.push(s);
  }
  expect(seqs).toEqual(trace.map((e) => e.seq));
  // Only a folded drawing has an "all calls" list; its folds say what they hide.
  const table = renderTimelineTable(t);
  expect(table ? selectAll("details[data-picture-all]", table).length : 0).toBe(t.folded > 0 ? 1 : 0);
  for (const fold of selectAll("li.msi-pic__fold", drawing))
    expect(textOf(fold)).toMatch(
      new RegExp(
        `^⋯ ${attr(fold, "data-folded")} calls? folded.* \\(#${attr(fold, "data-from-seq")}–#${attr(fold, "data-to-seq")}\\)$`,
      ),
    );
  // Drawn rows read as the entry's call and return value, in words: the drawing is the text.
  for (const c of drawnCalls(drawing)) {
    const e = trace[c.seq];
    const r = t.rows[c.seq];
    expect(c.text.replace(/^[✖↑↷⚠]\u00a0/, "")).toBe(`${r.call}${r.retText === "" ? "" : ` = ${r.retText}`}`);
    expect(c.text).toContain(`${e.fn}(`);
  }
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

  test("the drawing is a list of the calls named by a useful summary, one lane per layer", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5" });
    const drawing = renderTimelineDrawing(t);
    const list = select("ol.msi-pic__calls", drawing);
    const label = attr(list, "aria-label") ?? "";
    expect(label).toContain(`Call timeline of "${title}" on v6.5: ${bug.length} calls`);
    const insert = bug.find((e) => e.fn === "msi_insert_desc" && e.ret === -34);
    expect(insert).toBeDefined();
    expect(label).toContain(
      `msi_insert_desc returns -34 ERANGE at step ${t.rows[insert!.seq].step} (call #${insert!.seq})`,
    );
    expect(LANES.map((l) => l.id)).toEqual(["user", "vfio", "pci", "msi", "device"]);
    expect(selectAll(".msi-pic__heads .msi-pic__lane-label", drawing).map(textOf)).toEqual(LANES.map((l) => l.label));
    // Every layer of the trace has a lane, and each drawn row sits in its layer's lane: drawn there
    // (--l, the lane CSS puts its dot in; --f, its caller's) and said in words.
    for (const e of bug) expect(LANES[laneOf(e.layer)].layers).toContain(e.layer);
    const calls = drawnCalls(drawing);
    expect(calls.map((c) => c.lane)).toEqual(calls.map((c) => LANES[laneOf(bug[c.seq].layer)].label));
    const styles = selectAll("li.msi-pic__row", drawing).map((li) => attr(li, "style"));
    expect(styles).toEqual(
      calls.map((c) => `--l:${t.rows[c.seq].lane};--f:${t.rows[c.seq].fromLane};--d:${Math.min(bug[c.seq].depth, 10)}`),
    );
  });

  test("the failing msi_insert_desc is highlighted, with an icon and words, not colour alone", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5" });
    const rows = drawnCalls(renderTimelineDrawing(t)).filter(
      (c) => c.text.includes("msi_insert_desc(") && c.text.endsWith(" = -34 ERANGE"),
    );
    expect(rows).toHaveLength(1);
    // Its class bands it red and puts the cross in its lane; its text carries the icon.
    expect(rows[0].cls).toContain("msi-pic__row--origin");
    expect(rows[0].text).toMatch(/^✖\u00a0msi_insert_desc\(/);
    expect(t.origins.map((r) => r.fn)).toEqual(["msi_insert_desc"]);
    // Its callers pass the error up to the ioctl, whose error QEMU handles: it reports, and its
    // do_use at the top returns 0.
    const passes = t.rows.filter((r) => r.outcome === "passes");
    expect(passes.at(0)?.fn).toBe("vfio_pci_ioctl_set_irqs");
    expect(t.rows.find((r) => r.fn === "ioctl" && r.retText === "-34 ERANGE")?.outcome).toBe("handled");
    expect(t.rows.find((r) => r.depth === 0)?.retText).toBe("0");
    expect(passes.every((r) => r.retText.includes("ERANGE"))).toBe(true);
    // The list of all calls marks it in words too.
    const tr = select(`tr[data-seq="${t.origins[0].seq}"]`, allCalls(t));
    expect(textOf(tr?.children.at(-1) as Element)).toBe("-34 ERANGE ✖ fails here");
    expect(textOf(select("td strong", tr))).toBe("✖ fails here");
  });

  test("a negative return that the caller handles is marked, but not as the failure", () => {
    const t = buildTimeline(bug, { title, profile: "v6.5" });
    const probe = t.rows.find((r) => r.fn === "pci_irq_vector" && r.ret === -22);
    expect(probe?.outcome).toBe("handled");
    const full = drawnCalls(renderTimelineDrawing(buildTimeline(bug, { title, profile: "v6.5", full: true })));
    const drawn = full.find((c) => c.seq === probe?.seq);
    expect(drawn?.cls).toContain("msi-pic__row--handled");
    expect(drawn?.text).toMatch(/^↷\u00a0pci_irq_vector\(/);
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
    const folds = selectAll("li.msi-pic__fold", renderTimelineDrawing(t)).map(textOf);
    expect(folds.some((f) => /^⋯ \d+ calls folded, 6 user actions \(steps 5–10\)/.test(f))).toBe(true);
    const origin = t.origins[0];
    for (let s = origin.seq - 2; s <= origin.seq + 2 && s < bug.length; s++) expect(drawn.has(s)).toBe(true);
    expect(folds.every((f) => /^⋯ \d+ calls? folded/.test(f))).toBe(true);
    const full = buildTimeline(bug, { title, profile: "v6.5", full: true });
    expect(full.folded).toBe(0);
    expect(drawnCalls(renderTimelineDrawing(full)).length).toBe(bug.length);
  });

  test("on the fixed kernel nothing fails, and the domain's removal is drawn", () => {
    const t = buildTimeline(fixed, { title, profile: "v6.5+fix" });
    expect(t.origins).toEqual([]);
    expect(t.ariaLabel).toContain("no call fails");
    expect(drawnCalls(renderTimelineDrawing(t)).map((c) => c.text)).toContainEqual(
      expect.stringMatching(/^msi_remove_device_irq_domain\(/),
    );
  });
});
