import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
    // On these 2-core machines Vitest runs one file at a time, and a fresh worker per file spent
    // most of `npm test` importing the same modules again (typescript, remark, sucrase, the model).
    // Files share a worker and its module instances instead: no test may rely on module state
    // (the model keeps its state per host; the suite passes with --sequence.shuffle).
    isolate: false,
  },
});
