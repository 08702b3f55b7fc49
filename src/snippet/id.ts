/** Stable ids and paths derived from a snippet's name ("<group>/<page>/<name>"). Pure. */

/** The anchor id of an embedded snippet on its page. */
export function snippetAnchor(src: string): string {
  return `snippet-${src.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

/** The repository path of a snippet file. */
export function snippetPath(src: string): string {
  return `snippets/${src}.ts`;
}

/** The URL of the built JSON that the in-page runner fetches for a snippet. */
export function snippetDataUrl(base: string, src: string): string {
  return `${base.replace(/\/$/, "")}/snippets/${src}.json`;
}

/** The URL of the built JSON with a snippet's published runs (its traces), for a picture's "all calls" list. */
export function snippetRunsUrl(base: string, src: string): string {
  return `${base.replace(/\/$/, "")}/runs/${src}.json`;
}
