/**
 * What crosses from the worker is untrusted (issue 15, "Script in the page from a
 * snippet"): a hostile run is either refused by validateRunHosts() with a message
 * that names the bad field, or drawn as inert text. Markup in the pictures comes
 * only from hast trees, so even data that skipped the check cannot add elements.
 */
import type { Element, Nodes } from "hast";
import { describe, expect, test } from "vitest";
import {
  PICTURE_KINDS,
  type PictureRun,
  type PictureSpec,
  renderAllCallsMarkup,
  renderPicture,
  renderPictureMarkup,
} from "../../src/pictures";
import { RUN_LIMITS, RunDataError, validateRunHosts } from "../../src/runner/validate-run";
import { textOf, verifiedTrace } from "./helpers";

const SEED = "start/overview/seed-scenario";
const MARKUP = `<img src=x onerror="alert(document.cookie)"><script>alert(1)</script>`;

/** The seed scenario's run as plain data (a deep copy each time), the way the worker posts it. */
function seedHosts(): Record<string, unknown>[] {
  return [JSON.parse(JSON.stringify({ kernel: "v6.5", trace: verifiedTrace(SEED, "v6.5") }))];
}

function trace(hosts: Record<string, unknown>[]): Record<string, unknown>[] {
  return hosts[0].trace as Record<string, unknown>[];
}

/** The first entry with a device state, and its state. */
function firstState(hosts: Record<string, unknown>[]) {
  const entry = trace(hosts).find((e) => e.state) as Record<string, unknown>;
  return { entry, state: entry.state as Record<string, unknown> };
}

/** Every element name in a tree. */
function tagNames(node: Nodes, out = new Set<string>()): Set<string> {
  if (node.type === "element") out.add(node.tagName);
  if ("children" in node) for (const c of node.children) tagNames(c as Nodes, out);
  return out;
}

/** The elements the pictures are made of; a hostile string must not add any other. */
const ALLOWED = new Set(
  "div details summary table thead tbody tr th td code strong span p ul ol li dl dt dd i b".split(" "),
);

function specs(): PictureSpec[] {
  return [
    { kind: "timeline", src: SEED, title: MARKUP, profiles: ["v6.5"], host: 0, full: true },
    { kind: "state", src: SEED, title: MARKUP, profiles: ["v6.5"], host: 0, all: true },
    { kind: "side-by-side", src: SEED, title: MARKUP, profiles: ["v6.5", "v6.5+fix"], host: 0 },
  ];
}

function expectInert(runs: Record<string, PictureRun>) {
  for (const spec of specs()) {
    const pic = renderPicture(spec, runs);
    for (const part of [pic.drawing, pic.table, pic.legend].filter(Boolean) as Element[])
      for (const name of tagNames(part)) expect(ALLOWED, `<${name}> in a ${spec.kind} picture`).toContain(name);
    const markup = renderPictureMarkup(spec, runs);
    const all = renderAllCallsMarkup(spec, runs);
    for (const html of [markup.drawing, markup.table, markup.legend, ...(all ? [all] : [])].filter(Boolean)) {
      // hast-util-to-html double-quotes every attribute value (a '"' inside becomes &#x22;) and escapes
      // '<' in text, so with the values taken out no element or attribute can come from the data.
      const tags = html.replace(/="[^"]*"/g, '=""').match(/<[^>]*>/g) ?? [];
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(tag).not.toMatch(/^<\/?(img|script)\b|\sonerror=/i);
    }
  }
}

describe("hostile data from the worker", () => {
  test("markup in strings passes the check as data and is drawn as inert text", () => {
    const hosts = seedHosts();
    const t = trace(hosts);
    t[0].fn = MARKUP;
    (t[0].args as Record<string, unknown>).path = MARKUP;
    t[1].bdf = MARKUP;
    const { state } = firstState(hosts);
    state.driver = MARKUP;
    hosts[0].kernel = MARKUP;
    const checked = validateRunHosts(hosts);
    expect(checked[0].trace[0].fn).toBe(MARKUP);
    const run = { hosts: checked };
    expectInert({ "v6.5": run, "v6.5+fix": run });
    // The text is there, as text: whole in the timeline and in the state view (lists that are their
    // own text).
    const pic = renderPicture(specs()[0], { "v6.5": run });
    expect(textOf(pic.drawing)).toContain(MARKUP);
    const markup = renderPictureMarkup(specs()[0], { "v6.5": run });
    expect(markup.drawing).toContain("&#x3C;img src=x onerror=");
    const stateView = renderPictureMarkup(specs()[1], { "v6.5": run });
    expect(stateView.drawing).toContain("&#x3C;img src=x onerror=");
  });

  test("the drawing escapes even data that skipped the check (a string where a number belongs)", () => {
    const hosts = seedHosts();
    for (const e of trace(hosts)) if (e.state) (e.state as Record<string, unknown>).tableSize = MARKUP;
    const run = { hosts } as unknown as PictureRun;
    expectInert({ "v6.5": run, "v6.5+fix": run });
  });

  const refused: [string, (h: Record<string, unknown>[]) => void, string][] = [
    [
      "a string Table Size",
      (h) => {
        firstState(h).state.tableSize = MARKUP;
      },
      '.state.tableSize must be an integer from 0 to 2048, got "<img',
    ],
    [
      "a Table Size past 2048",
      (h) => {
        firstState(h).state.tableSize = 1e308;
      },
      ".state.tableSize must be an integer from 0 to 2048, got 1e+308",
    ],
    [
      "a huge hwsize",
      (h) => {
        firstState(h).state.domain = { hwsize: 2 ** 53 };
      },
      ".state.domain.hwsize must be an integer from 0 to 65536",
    ],
    [
      "a huge descriptor index",
      (h) => {
        firstState(h).state.descriptors = [0, 1e9];
      },
      ".state.descriptors[1] must be an integer from 0 to 65535",
    ],
    [
      "unsorted descriptors",
      (h) => {
        firstState(h).state.descriptors = [3, 2];
      },
      ".state.descriptors[1] must be greater than the index before it (3)",
    ],
    [
      "a huge depth",
      (h) => {
        trace(h)[1].depth = 1e9;
      },
      "trace[1].depth must be an integer from 0 to 1",
    ],
    [
      "a depth as text",
      (h) => {
        trace(h)[0].depth = "0";
      },
      'trace[0].depth must be an integer from 0 to 0, got "0"',
    ],
    [
      "a seq out of place",
      (h) => {
        trace(h)[2].seq = 7;
      },
      "trace[2].seq must be 2 (its position in the trace), got 7",
    ],
    [
      "an unknown layer",
      (h) => {
        trace(h)[0].layer = "<b>";
      },
      "trace[0].layer must be user, vfio, pci, msi, base, device",
    ],
    [
      "a return value as text",
      (h) => {
        trace(h)[0].ret = "{index: -34} ERANGE";
      },
      "trace[0].ret must be an object",
    ],
    [
      "an object as argument",
      (h) => {
        (trace(h)[0].args as Record<string, unknown>).path = { toString: "x" };
      },
      "trace[0].args.path must be a string",
    ],
    [
      "an unknown irq type",
      (h) => {
        firstState(h).state.irqType = "msix<";
      },
      ".state.irqType must be none, intx, msi, msix",
    ],
    [
      "an extra field",
      (h) => {
        trace(h)[0].html = MARKUP;
      },
      "trace[0].html is not a field of the model's data",
    ],
    [
      "a trace that is not a list",
      (h) => {
        h[0].trace = { length: 1 };
      },
      "hosts[0].trace must be a list of trace entries",
    ],
    [
      "an overlong string",
      (h) => {
        trace(h)[0].fn = "x".repeat(RUN_LIMITS.text + 1);
      },
      "trace[0].fn must be a string of at most 1000 characters",
    ],
  ];
  test.each(refused)("refuses %s, naming the field", (_, spoil, message) => {
    const hosts = seedHosts();
    spoil(hosts);
    expect(() => validateRunHosts(hosts)).toThrow(RunDataError);
    expect(() => validateRunHosts(hosts)).toThrow(message);
  });

  test("refuses __proto__ keys, and pollutes nothing", () => {
    // JSON.parse (like a structured clone) makes "__proto__" an own key, where `o[k] = v` would set a prototype.
    const proto = () => JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    const spoiled = [
      (h: Record<string, unknown>[]) => {
        trace(h)[0].args = Object.assign(proto(), trace(h)[0].args);
      },
      (h: Record<string, unknown>[]) => {
        trace(h)[0] = Object.assign(proto(), trace(h)[0]);
      },
      (h: Record<string, unknown>[]) => {
        firstState(h).state.irqs = proto();
      },
    ];
    for (const spoil of spoiled) {
      const hosts = seedHosts();
      spoil(hosts);
      expect(() => validateRunHosts(hosts)).toThrow(/__proto__/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("huge numbers where any number is data are drawn as text", () => {
    const hosts = seedHosts();
    const t = trace(hosts);
    t[0].ret = 1e308;
    (t[0].args as Record<string, unknown>).path = -1e308;
    const checked = validateRunHosts(hosts);
    const pic = renderPicture(specs()[0], { "v6.5": { hosts: checked } });
    expect(textOf(pic.drawing)).toContain("1e+308");
    expect(textOf(pic.drawing)).toContain("path=-1e+308");
  });

  test("refuses more entries than a picture draws, and more hosts than a run makes", () => {
    const hosts = seedHosts();
    const t = trace(hosts);
    const entries = Array.from({ length: RUN_LIMITS.entries + 1 }, (_, i) => ({ ...t[0], seq: i }));
    expect(() => validateRunHosts([{ kernel: "v6.5", trace: entries }])).toThrow(
      `hosts[0].trace must be at most ${RUN_LIMITS.entries} entries to be drawn`,
    );
    expect(() => validateRunHosts(Array.from({ length: RUN_LIMITS.hosts + 1 }, () => hosts[0]))).toThrow(
      `hosts must be at most ${RUN_LIMITS.hosts} hosts`,
    );
    expect(() => validateRunHosts("hosts")).toThrow("hosts must be a list of hosts");
  });

  test("a checked run is a copy of the fields the model produces, and equal to the model's run", () => {
    const hosts = seedHosts();
    const checked = validateRunHosts(hosts);
    expect(checked).toEqual(hosts);
    expect(checked[0].trace[0]).not.toBe(trace(hosts)[0]);
    expect(Object.keys(PICTURE_KINDS)).toEqual(["timeline", "state", "side-by-side"]);
  });
});
