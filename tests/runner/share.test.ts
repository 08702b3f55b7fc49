/** Sharing an edited snippet by link (src/runner/client/share.ts): round trip and bad links. */
import { compressToEncodedURIComponent } from "lz-string";
import { describe, expect, test } from "vitest";
import { MAX_SHARED_CODE, readShared, shareLink, withoutShare } from "../../src/runner/client/share";

const PAGE = "https://example.org/the-bug/step-by-step/?x=1#old";

describe("shared snippet links", () => {
  test("round trip: code, profile and snippet come back exactly; the anchor is the snippet's", () => {
    const code = 'import { createHost } from "msi-lifecycle";\nconsole.log("ünïcødé ✓", 1 + 1);\n';
    const link = new URL(shareLink(PAGE, "snippet-a", "the-bug/step-by-step/seed", "v6.5+fix", code));
    expect(link.hash).toBe("#snippet-a");
    expect(link.searchParams.get("x")).toBe("1");
    expect(readShared(link.search)).toEqual({ src: "the-bug/step-by-step/seed", profile: "v6.5+fix", code });
    expect(withoutShare(link.toString())).toBe("https://example.org/the-bug/step-by-step/?x=1#snippet-a");
  });

  test("a page without a shared snippet reads as none", () => {
    expect(readShared("?x=1")).toBeNull();
  });

  test.each([
    ["?snippet=a", /carries no code/],
    ["?snippet=a&code=", /carries no code/],
    ["?snippet=a&code=%%%garbage", /could not be decoded/],
    [`?snippet=a&code=${compressToEncodedURIComponent("console.log(1)").slice(0, 5)}`, /could not be decoded/],
    [`?snippet=a&code=${"A".repeat(70_000)}`, /too long/],
    [`?snippet=a&code=${compressToEncodedURIComponent("x".repeat(MAX_SHARED_CODE + 1))}`, /could not be decoded/],
  ])("%s is refused with a reason", (search, reason) => {
    const r = readShared(search);
    expect(r && "error" in r ? r.error : "").toMatch(reason);
  });
});
