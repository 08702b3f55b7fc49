/**
 * A counterexample written out as a runnable snippet: the explorer's starting point in a
 * collapsed setup region, then one line per action, then the device state it ends in. The
 * expected output of each profile comes from running the same actions through the explorer's
 * own world, so the docs tests check that the snippet and the explorer agree.
 */
import { actionById, BDF, createWorld, INITIAL_TABLE_SIZE, STEP_WIDTH, type World } from "./actions";
import type { Profile } from "./profiles";
import { PROPERTIES } from "./properties";

/** The line that marks a snippet as written by the explorer (and safe for it to remove). */
export const GENERATED_MARK =
  "// Written by `npm run explore -- --write-snippets`: change the explorer, not this file.";

/** Where `npm run explore -- --write-snippets` puts them, relative to the repository root. */
export const SNIPPET_DIR = "snippets/the-bug/explored";

/** The snippet's last line: the state the sequence ends in. */
function finalLine(w: World): string {
  const s = w.host.inspect(BDF);
  return `end: Table Size ${s.tableSize}, domain ${s.domain ? `hwsize ${s.domain.hwsize}` : "none"}, descriptors [${s.descriptors.join(",")}]`;
}

/**
 * What the snippet prints under `profile`, or null when the sequence cannot be played there
 * (an action's condition does not hold: e.g. no vector 8 in a table QEMU read as 8 entries).
 */
export function playedOutput(profile: Profile, actions: readonly string[]): string | null {
  const w = createWorld(profile);
  const lines: string[] = [];
  for (const id of actions) {
    const a = actionById(id);
    if (!a) throw new Error(`unknown action "${id}"`);
    if (!a.enabled(w)) return null;
    const ret = a.run(w);
    lines.push(a.printed(w, ret));
  }
  lines.push(finalLine(w));
  return lines.join("\n");
}

/** The file name of a property's counterexample snippet. */
export function snippetName(property: string): string {
  return `${SNIPPET_DIR}/${property}.ts`;
}

/**
 * The snippet source for a counterexample of `property` found on `found` (its profile comes
 * first), with one output block per distinct behaviour among `profiles`.
 */
export function counterexampleSnippet(
  property: string,
  actions: readonly string[],
  found: Profile,
  profiles: readonly Profile[],
): string {
  const prop = PROPERTIES.find((p) => p.name === property);
  const sentence = prop?.sentence ?? property;
  let first = true;
  const code = actions.map((id) => {
    const a = actionById(id)!;
    const line = a.code(a.id === "open" && first);
    if (a.id === "open") first = false;
    return `// ${a.label}\n${line}`;
  });
  const outputs: { profile: string; text: string }[] = [];
  // A behaviour is labelled with the plainest profile that shows it: the one found, then those
  // on the default QEMU and platform, then those that change one of them, and so on.
  const changed = (p: Profile) => p.name.split("/").length;
  const others = profiles.filter((x) => x.name !== found.name).sort((a, b) => changed(a) - changed(b));
  for (const p of [found, ...others]) {
    const text = playedOutput(p, actions);
    if (text !== null && !outputs.some((o) => o.text === text)) outputs.push({ profile: p.name, text });
  }
  const blocks = outputs.map(
    (o) =>
      `// Output (${o.profile}):\n${o.text
        .split("\n")
        .map((l) => `// ${l}`)
        .join("\n")}`,
  );
  return [
    `// Shows: the shortest sequence (${actions.length} actions) that breaks "${property}" on ${found.name}, as the explorer found it`,
    `import { createHost, errnoName, KERNEL, PLATFORM, QEMU } from "msi-lifecycle";`,
    "",
    "// #region setup: the explorer's starting point, and how each step is printed",
    GENERATED_MARK,
    ...wrap(`The property: ${sentence}`, 100).map((l) => `// ${l}`),
    "const host = createHost({ kernel: KERNEL, qemu: QEMU, platform: PLATFORM });",
    `const vf = host.addVf("${BDF}", { msixTableSize: ${INITIAL_TABLE_SIZE} });`,
    'vf.bind("vfio-pci");',
    "const step = (what: string, ret: number) =>",
    `  console.log(\`\${what.padEnd(${STEP_WIDTH})} \${ret < 0 ? \`\${ret} \${errnoName(ret)}\` : ret}\`);`,
    "// #endregion",
    "",
    ...code,
    "",
    "const s = host.inspect(vf.bdf);",
    "console.log(",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: this is the snippet's own template literal
    '  `end: Table Size ${s.tableSize}, domain ${s.domain ? `hwsize ${s.domain.hwsize}` : "none"}, descriptors [${s.descriptors.join(",")}]`,',
    ");",
    "",
    blocks.join("\n\n"),
    "",
  ].join("\n");
}

/** Splits `text` into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
