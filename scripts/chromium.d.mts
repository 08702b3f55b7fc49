/** Types of scripts/chromium.mjs, for the browser tests. */
import type { BrowserContext, chromium } from "playwright-core";

export const CHROMIUM: string;

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** launchPersistentContext()'s options, over the defaults (1280 × 900, the flags above). */
export function launchChromium(
  options?: Parameters<typeof chromium.launchPersistentContext>[1],
): Promise<LaunchedChromium>;
