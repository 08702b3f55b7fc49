/**
 * The data of one snippet that the runner needs (its code, its precompiled
 * script, its expected outputs), fetched from the JSON built for it by
 * docs/pages/snippets/[...src].json.ts. The URL, with Astro's base, comes from
 * the controls' `data-json` attribute (SnippetRunner.astro). Browser-safe.
 */

/** The built `/snippets/<src>.json`: declared here, produced by the page route. */
export interface SnippetData {
  src: string;
  title: string;
  /** The code the reader sees (and edits). */
  body: string;
  /** Lines of the snippet file above `body`. */
  bodyOffset: number;
  /** `body` compiled at build time, so an unedited Run needs no transpiler. */
  js: string;
  /** The compiler's source map of `js`, for the columns of runtime errors. */
  mappings?: string;
  outputs: { profile: string; text: string }[];
}

/** The expected output of `profile`, if the snippet has one. */
export function expectedOutput(data: SnippetData, profile: string): string | undefined {
  return data.outputs.find((o) => o.profile === profile)?.text;
}

/** Fetches and checks one snippet's data; a clear error when it is missing or malformed. */
export async function fetchSnippetData(url: string, fetchImpl: typeof fetch = fetch): Promise<SnippetData> {
  if (!url) throw new Error("the snippet's controls name no data URL (data-json)");
  const response = await fetchImpl(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for the snippet's data`);
  const data = (await response.json()) as Partial<SnippetData> | null;
  if (
    typeof data?.body !== "string" ||
    typeof data.js !== "string" ||
    !Array.isArray(data.outputs) ||
    !data.outputs.every((o) => typeof o?.profile === "string" && typeof o.text === "string")
  ) {
    throw new Error(`the snippet's data at ${url} is not a snippet (no body, script or outputs)`);
  }
  return data as SnippetData;
}

/**
 * Fetches a snippet's data once, on first use. A failed fetch is forgotten, so the
 * next Run or Edit tries again instead of failing for the rest of the visit.
 */
export class SnippetDataLoader {
  private pending?: Promise<SnippetData>;

  constructor(
    private readonly url: string,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  get(): Promise<SnippetData> {
    this.pending ??= fetchSnippetData(this.url, this.fetchImpl).catch((e: unknown) => {
      this.pending = undefined;
      throw e;
    });
    return this.pending;
  }
}
