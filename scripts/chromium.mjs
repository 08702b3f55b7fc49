/**
 * Debian's Chromium through playwright-core (no browser download works on these machines), with
 * the flags that keep it off the network, each launch with a fresh profile of its own. Shared by
 * the browser tests (tests/e2e/browser.ts) and the scripts that weigh or photograph pages.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A headless Chromium in a persistent context with its own profile folder, removed on close. */
export async function launchChromium(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), "msi-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
