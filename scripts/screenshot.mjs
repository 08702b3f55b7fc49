// Takes a full-page screenshot of a URL in Debian's Chromium, for looking at pages as a reader.
// Usage: node_modules/node/bin/node scripts/screenshot.mjs <url> <out.png> [--dark] [--width=390] [--no-js] [--viewport] [--scroll=Y]
import { launchBrowser } from "./weigh.mjs";

const [url, out, ...flags] = process.argv.slice(2);
if (!url || !out) {
  console.error("usage: node scripts/screenshot.mjs <url> <out.png> [--dark] [--width=N] [--no-js]");
  process.exit(2);
}
const width = Number(flags.find((f) => f.startsWith("--width="))?.slice(8) ?? 1280);
const dark = flags.includes("--dark");
const browser = await launchBrowser({
  javaScriptEnabled: !flags.includes("--no-js"),
  colorScheme: dark ? "dark" : "light",
  viewport: { width, height: 900 },
});
const page = await browser.context.newPage();
const problems = [];
page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
page.on("pageerror", (e) => problems.push(e.message));
if (dark) await page.addInitScript(() => localStorage.setItem("starlight-theme", "dark"));
await page.goto(url, { waitUntil: "networkidle" });
const at = flags.find((f) => f.startsWith("--scroll="));
if (at) await page.evaluate((y) => window.scrollTo(0, y), Number(at.slice(9)));
await page.screenshot({ path: out, fullPage: !flags.includes("--viewport") && !at });
await browser.close();
console.log(problems.length ? `console errors:\n${problems.join("\n")}` : `saved ${out}`);
