/**
 * The browser tests' Chromium: Debian's, through playwright-core, launched by scripts/chromium.mjs
 * (shared with the scripts that weigh and photograph pages), with the options the tests vary.
 */
import { CHROMIUM, type LaunchedChromium, launchChromium } from "../../scripts/chromium.mjs";

export { CHROMIUM };

export type Browser = LaunchedChromium;

export function launch(
  options: {
    javaScriptEnabled?: boolean;
    colorScheme?: "light" | "dark";
    viewport?: { width: number; height: number };
  } = {},
): Promise<Browser> {
  return launchChromium({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    colorScheme: options.colorScheme ?? "light",
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
}
