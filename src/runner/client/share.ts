/**
 * Sharing an edited snippet by link: the page's address with `?snippet=<src>&profile=<p>&code=<c>`
 * and the snippet's anchor, where `c` is the code compressed with lz-string
 * (compressToEncodedURIComponent). Reading a link back is strict and never runs anything: it
 * yields the code to put in the editor, or a sentence saying why the link cannot be used.
 * Browser-safe, pure.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";

/** The longest code a link may carry, in characters, once decoded. */
export const MAX_SHARED_CODE = 100_000;
/** The longest `code` parameter read at all. */
const MAX_PARAM = 60_000;

/** The query keys of a shared snippet. */
const KEYS = ["snippet", "profile", "code"] as const;

/** The link that shares `code` of snippet `src` on `profile`, from the page's address `href`. */
export function shareLink(href: string, anchor: string, src: string, profile: string, code: string): string {
  const url = new URL(href);
  for (const k of KEYS) url.searchParams.delete(k);
  url.searchParams.set("snippet", src);
  url.searchParams.set("profile", profile);
  url.searchParams.set("code", compressToEncodedURIComponent(code));
  url.hash = anchor;
  return url.toString();
}

/** What a page's query says about a shared snippet. */
export type SharedSnippet = { src: string; profile: string; code: string } | { src: string; error: string };

/** Reads a shared snippet from a query string; null when the query shares none. */
export function readShared(search: string): SharedSnippet | null {
  const q = new URLSearchParams(search);
  const src = q.get("snippet");
  if (src === null) return null;
  const profile = q.get("profile") ?? "";
  const packed = q.get("code");
  if (packed === null || packed === "") return { src, error: "the link carries no code" };
  if (packed.length > MAX_PARAM) return { src, error: "the link's code is too long" };
  let code: string | null = null;
  try {
    code = decompressFromEncodedURIComponent(packed);
  } catch {
    code = null;
  }
  // lz-string returns "" or null for data it cannot decode, and may decode garbage into
  // replacement characters: both mean the link was cut short or altered.
  if (!code || code.includes("\uFFFD") || code.length > MAX_SHARED_CODE)
    return { src, error: "the link's code could not be decoded (the link may have been cut short or altered)" };
  return { src, profile, code };
}

/** The page's address without the shared-snippet parameters (after Reset). */
export function withoutShare(href: string): string {
  const url = new URL(href);
  for (const k of KEYS) url.searchParams.delete(k);
  return url.toString();
}
