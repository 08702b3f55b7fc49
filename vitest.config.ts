import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files whose work takes seconds of CPU, in the order they start: each takes a worker of its own
 * at the start, so the two workers end together. Neither file size nor the durations Vitest caches
 * see them (the explorer's search runs while its file loads).
 */
const HEAVY = ["tests/explorer/explorer.test.ts", "tests/explorer/soundness.test.ts"];

class HeavyFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = HEAVY.findIndex((h) => f.moduleId.endsWith(h));
      return i < 0 ? HEAVY.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  resolve: {
    alias: {
      "msi-lifecycle": fileURLToPath(new URL("./src/model/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    // A time limit catches a hang, not slowness: CI machines have 2 cores, shared.
    testTimeout: 30_000,
    // Files share a worker and its module instances: a fresh worker per file spent most of
    // `npm test` importing the same modules again (typescript, remark, sucrase, the model). No
    // test may rely on module state (the model keeps its state per host; the suite passes with
    // --sequence.shuffle).
    isolate: false,
    // Two workers on these 2-core machines (each imports the shared modules once), with the
    // explorer's two searches started first, one on each (HeavyFirst).
    maxWorkers: Math.min(2, availableParallelism()),
    sequence: { sequencer: HeavyFirst },
  },
});
