import { defineConfig } from "vitest/config";

// Browser tests: the built site (dist/) served by `astro preview` on 127.0.0.1,
// driven by playwright-core in Debian's /usr/bin/chromium. `npm run test:e2e` builds first.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
