// Fails loudly when npm scripts run on a Node.js that is too old.
// The project brings its own Node (the `node` package in devDependencies), which
// `npm run` puts first on PATH. If that binary is missing (for example after
// `npm ci --ignore-scripts`), scripts silently fall back to the system Node.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `\nmsi-lifecycle needs Node.js >= 22.12, but this script runs on ${process.version} (${process.execPath}).\n` +
      "The project installs its own Node through the `node` devDependency.\n" +
      "Run scripts through npm (`npm test`, `npm run dev`), not node_modules/.bin directly.\n" +
      "If you installed with --ignore-scripts, repair it with: npm rebuild node\n",
  );
  process.exit(1);
}
