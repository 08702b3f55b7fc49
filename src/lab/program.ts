/**
 * The lab's two texts for one session (a profile and a list of actions of the alphabet):
 *
 * - the program the lab runs in the snippet worker: the actions' own snippet statements
 *   (alphabet.ts), each followed by a one-line JSON report of what the step did (its result,
 *   its trace range, what QEMU logged, the facts the next step's condition reads);
 * - the snippet the reader copies: the same statements, public API only, with the output the
 *   lab saw as its `// Output (<profile>):` block.
 *
 * Both are generated from validated data (action ids parsed by the alphabet, a known profile):
 * nothing from a link is ever code. Browser-safe, pure.
 */
import { type ActionSpec, BDF, INITIAL_TABLE_SIZE, STEP_WIDTH } from "../explorer/alphabet";
import { SNIPPET_FILENAME, WRAPPER_PREFIX } from "../runner/snippet-error";

/** A profile as the lab uses it: its name ("v6.5/qemu-8.1") and its createHost() options. */
export interface LabProfile {
  name: string;
  /** Every dimension's value: what the pickers show. */
  options: Readonly<Record<string, string>>;
  /**
   * The options the code writes: the kernel and only the values that differ from createHost()'s
   * defaults (src/explorer/profiles.ts), so `v6.5` reads `createHost({ kernel: "v6.5" })`.
   * Without it, every option is written.
   */
  code?: Readonly<Record<string, string>>;
}

/** The marker that starts a report line in the program's output. */
export const REPORT_MARK = '{"lab":';

/** The setup both texts share: the seed scenario's starting point. */
function setup(profile: LabProfile): string[] {
  return [
    `const host = createHost({ ${Object.entries(profile.code ?? profile.options)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join(", ")} });`,
    `const vf = host.addVf("${BDF}", { msixTableSize: ${INITIAL_TABLE_SIZE} });`,
    'vf.bind("vfio-pci");',
  ];
}

/** The statements of the actions, the first open declaring `vm`. */
function statements(actions: readonly ActionSpec[], declare: boolean): string[] {
  let first = declare;
  return actions.map((a) => {
    const code = a.code(a.kind === "open" && first);
    if (a.kind === "open") first = false;
    return code;
  });
}

/**
 * The body of the program the lab runs (plain JavaScript over the public API). After the setup
 * and after each action it prints one report line:
 * `{"lab":i,"ret":r,"from":f,"to":t,"vm":{entries,msixEnabled}|null,"log":[...],"tableSize":n,"bound":b}`.
 */
export function labProgramBody(profile: LabProfile, actions: readonly ActionSpec[]): string {
  const lines = [
    'const { createHost, errnoName } = require("msi-lifecycle");',
    ...setup(profile),
    "let vm = null;",
    "let mark = 0;",
    "let logged = 0;",
    "let logOf = null;",
    "const step = (what, ret) =>",
    `  console.log(\`\${what.padEnd(${STEP_WIDTH})} \${ret < 0 ? \`\${ret} \${errnoName(ret)}\` : ret}\`);`,
    "const report = (i) => {",
    "  const t = host.trace;",
    "  let ret = null;",
    "  for (let j = t.length - 1; j >= mark; j--) {",
    '    if (t[j].depth === 0) { ret = typeof t[j].ret === "number" ? t[j].ret : null; break; }',
    "  }",
    "  if (vm !== logOf) { logOf = vm; logged = 0; }",
    "  const log = vm ? vm.log.slice(logged) : [];",
    "  logged = vm ? vm.log.length : 0;",
    "  const s = host.inspect(vf.bdf);",
    "  const facts = vm ? { entries: vm.entries, msixEnabled: vm.msixEnabled } : null;",
    `  console.log(JSON.stringify({ lab: i, ret, from: mark, to: t.length, vm: facts, log, tableSize: s.tableSize, bound: s.driver === "vfio-pci" }));`,
    "  mark = t.length;",
    "};",
    "report(0);",
  ];
  statements(actions, false).forEach((code, i) => {
    lines.push(code, `report(${i + 1});`);
  });
  return lines.join("\n");
}

/** The program wrapped as the runner's precompiled script (the worker evaluates it as is). */
export function labProgram(profile: LabProfile, actions: readonly ActionSpec[]): string {
  return `${WRAPPER_PREFIX}${labProgramBody(profile, actions)}\n})\n//# sourceURL=${SNIPPET_FILENAME}`;
}

/**
 * The snippet a reader copies: TypeScript over the public API that does the same actions on the
 * same profile and prints the step lines the lab shows (`output`, when given, becomes its
 * expected-output block).
 */
export function labSnippet(profile: LabProfile, actions: readonly ActionSpec[], output?: string): string {
  const code = statements(actions, true).map((c, i) => `// ${actions[i].label}\n${c}`);
  const block =
    output === undefined
      ? []
      : ["", `// Output (${profile.name}):`, ...output.split("\n").map((l) => (l ? `// ${l}` : "//"))];
  return [
    `// Shows: a session from the lab, ${actions.length} action${actions.length === 1 ? "" : "s"} on ${profile.name}`,
    'import { createHost, errnoName } from "msi-lifecycle";',
    "",
    ...setup(profile),
    "const step = (what: string, ret: number) =>",
    `  console.log(\`\${what.padEnd(${STEP_WIDTH})} \${ret < 0 ? \`\${ret} \${errnoName(ret)}\` : ret}\`);`,
    "",
    ...code,
    ...block,
    "",
  ].join("\n");
}
