/**
 * Formats console.log arguments the way a reader expects from Node's `util.inspect`
 * (`{ hwsize: 8 }`, `[ 0, 1, 2 ]`, `'text'` inside objects), but with one
 * implementation shared by the Vitest runner and the browser worker, so the
 * expected output in a snippet is byte-for-byte what both print.
 * Browser-safe: no Node APIs.
 */

const BREAK_LENGTH = 76;
const MAX_DEPTH = 4;

/** Formats a list of console.log arguments into one output line (or block). */
export function formatArgs(args: readonly unknown[]): string {
  return args.map((a) => (typeof a === "string" ? a : formatValue(a))).join(" ");
}

/** Formats one value as it appears at the top level of console.log. */
export function formatValue(value: unknown, depth = 0, indent = ""): string {
  switch (typeof value) {
    case "string":
      return depth === 0 ? value : quote(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    case "function":
      return `[Function: ${value.name || "(anonymous)"}]`;
  }
  if (value === null) return "null";
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[Array]" : "[Object]";
  const inner = `${indent}  `;
  let open: string;
  let close: string;
  let parts: string[];
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    open = "[";
    close = "]";
    parts = value.map((v) => formatValue(v, depth + 1, inner));
  } else if (value instanceof Map) {
    open = `Map(${value.size}) {`;
    close = "}";
    parts = [...value].map(([k, v]) => `${formatValue(k, depth + 1, inner)} => ${formatValue(v, depth + 1, inner)}`);
    if (parts.length === 0) return `Map(0) {}`;
  } else {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    open = "{";
    close = "}";
    parts = entries.map(([k, v]) => `${formatKey(k)}: ${formatValue(v, depth + 1, inner)}`);
  }
  const oneLine = `${open} ${parts.join(", ")} ${close}`;
  if (oneLine.length + indent.length <= BREAK_LENGTH && !oneLine.includes("\n")) return oneLine;
  return `${open}\n${parts.map((p) => `${inner}${p}`).join(",\n")}\n${indent}${close}`;
}

function formatKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key);
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
}
