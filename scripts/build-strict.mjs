// Builds the site like `npm run build` and fails when the build printed a warning,
// listing each one. `npm run test:e2e` (and so CI) builds through this script, so a
// new build warning fails CI instead of scrolling by.
import { spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const astro = join(root, "node_modules/astro/bin/astro.mjs");
const child = spawn(process.execPath, [astro, "build"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });

// Astro's logger marks warnings "[WARN]"; Vite and Rolldown print theirs through it too.
const WARNING = /\[WARN\]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC
const ANSI = /\x1b\[[0-9;]*m/g;
const warnings = [];
let pending = "";
function scan(chunk, out) {
  out.write(chunk);
  const lines = (pending + chunk.toString()).split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) if (WARNING.test(line)) warnings.push(line.replace(ANSI, "").trim());
}
child.stdout.on("data", (c) => scan(c, process.stdout));
child.stderr.on("data", (c) => scan(c, process.stderr));
child.on("close", (code) => {
  if (WARNING.test(pending)) warnings.push(pending.replace(ANSI, "").trim());
  if (code !== 0) process.exit(code ?? 1);
  if (warnings.length > 0) {
    console.error(`\nThe build printed ${warnings.length} warning(s); fix them (the build must be clean):`);
    for (const w of warnings) console.error(`  ${w}`);
    process.exit(1);
  }
  console.log("build-strict: no warnings");
});
