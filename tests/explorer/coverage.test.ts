/**
 * What the docs cover: every lifecycle transition (src/explorer/transitions.ts) must be reached by
 * at least one snippet the pages embed, or be listed in NOT_SHOWN with the reason it is not shown.
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { NOT_SHOWN, TRANSITIONS } from "../../src/explorer/transitions";
import { docsCoverage, docsLayout } from "../../src/node/explorer/docs-coverage";

const root = join(import.meta.dirname, "..", "..");
const coverage = docsCoverage(docsLayout(root));

/** A failure whose message is the whole story. */
function fail(message: string): never {
  const err = new Error(message);
  err.stack = `Error: ${message}`;
  throw err;
}

describe("what the docs cover", () => {
  test("every transition is reached by a snippet, or listed with a reason as deliberately not shown", () => {
    if (coverage.problems.length > 0)
      fail(`${coverage.problems.length} problem(s):\n  ${coverage.problems.join("\n  ")}`);
  });

  test("every snippet runs (the docs tests say why one does not)", () => {
    expect(coverage.errors).toEqual([]);
  });

  test("each reason in NOT_SHOWN is a sentence", () => {
    for (const [id, why] of Object.entries(NOT_SHOWN)) expect(why.length, id).toBeGreaterThan(20);
  });

  test("the table lists every transition once, in the model's order", () => {
    expect(coverage.transitions.map((t) => t.id)).toEqual(TRANSITIONS.map((t) => t.id));
  });
});
