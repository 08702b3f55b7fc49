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
  },
});
