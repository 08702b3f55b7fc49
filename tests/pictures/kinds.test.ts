/** One registry of picture kinds: component, builder and accepted profiles, read by every place that needs them. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { PICTURE_COMPONENTS, PICTURE_KINDS, pictureKind, resolvePictureProfiles } from "../../src/pictures";
import { root } from "./helpers";

describe("the registry of picture kinds", () => {
  test("each kind names its component, which exists, and the component finds the kind back", () => {
    for (const entry of Object.values(PICTURE_KINDS)) {
      expect(existsSync(join(root, "docs/components", `${entry.component}.astro`))).toBe(true);
      expect(PICTURE_COMPONENTS[entry.component]).toBe(entry);
      expect(pictureKind(entry.kind)).toBe(entry);
      expect(entry.profileAttr).toBe(entry.count === 1 ? "profile" : "profiles");
    }
    expect(Object.keys(PICTURE_COMPONENTS).sort()).toEqual(["SideBySide", "StateView", "Timeline"]);
  });

  test("only the registry's names are found, not the prototype's", () => {
    expect(PICTURE_COMPONENTS.constructor).toBeUndefined();
    expect(PICTURE_COMPONENTS.toString).toBeUndefined();
    expect(() => pictureKind("toString")).toThrow(
      'unknown picture kind "toString"; known: timeline, state, side-by-side',
    );
    expect(() => pictureKind(undefined)).toThrow("unknown picture kind");
  });

  test("the docs collection reads the same registry", () => {
    for (const file of ["src/node/mdx.ts", "src/node/collect.ts"]) {
      expect(readFileSync(join(root, file), "utf8"), file).toContain('from "../pictures/kinds"');
    }
  });

  test("profiles: the named ones, or the snippet's first ones, as many as the kind draws", () => {
    const declared = ["v6.5", "v6.5+fix", "v6.1"];
    expect(resolvePictureProfiles("Timeline", "a/b/c", "f.ts", [], declared)).toEqual({ profiles: ["v6.5"] });
    expect(resolvePictureProfiles("SideBySide", "a/b/c", "f.ts", [], declared)).toEqual({
      profiles: ["v6.5", "v6.5+fix"],
    });
    expect(resolvePictureProfiles("StateView", "a/b/c", "f.ts", ["v6.1"], declared)).toEqual({ profiles: ["v6.1"] });
    expect(resolvePictureProfiles("SideBySide", "a/b/c", "f.ts", ["v6.1"], declared)).toEqual({
      error: '<SideBySide src="a/b/c"> needs 2 profiles, got 1',
    });
    expect(resolvePictureProfiles("Timeline", "a/b/c", "f.ts", ["v6.9"], declared)).toEqual({
      error:
        '<Timeline src="a/b/c"> draws profile v6.9, which f.ts does not declare (it declares v6.5, v6.5+fix, v6.1)',
    });
    expect(resolvePictureProfiles("Picture", "a/b/c", "f.ts", [], declared)).toEqual({
      error: "<Picture> is not a picture component",
    });
  });

  test("no other module maps components to kinds", () => {
    const files = [
      ...readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" }).map((f) => join("src", f)),
      ...readdirSync(join(root, "docs/components"), { encoding: "utf8" }).map((f) => join("docs/components", f)),
    ].filter((f) => /\.(ts|astro)$/.test(f) && f !== join("src", "pictures", "kinds.ts"));
    const mapping = /["'](StateView|SideBySide)["']|kind === "(timeline|state|side-by-side)"/;
    const found = files.filter((f) => mapping.test(readFileSync(join(root, f), "utf8")));
    expect(found).toEqual([]);
  });
});
