/**
 * Which kernel profiles a picture draws, and whether it may: shared by the docs
 * collection (a problem in the test suite) and the build (an error naming the
 * page), so both judge a picture embed by the same rule and in the same words.
 * Pure; no Node APIs.
 */

/**
 * The MDX components that draw a picture from a snippet's run (docs/components/Timeline.astro,
 * StateView.astro, SideBySide.astro), and the attribute that names their profile(s).
 */
export const PICTURE_COMPONENTS: Readonly<Record<string, { profileAttr: "profile" | "profiles"; count: number }>> = {
  Timeline: { profileAttr: "profile", count: 1 },
  StateView: { profileAttr: "profile", count: 1 },
  SideBySide: { profileAttr: "profiles", count: 2 },
};

/**
 * The profiles `component` draws for snippet `src` (file `file`): the ones named on the element,
 * or the snippet's first declared ones. An error message when a profile is not declared by the
 * snippet or the number of profiles does not fit the component.
 */
export function resolvePictureProfiles(
  component: string,
  src: string,
  file: string,
  named: readonly string[],
  declared: readonly string[],
): { profiles: string[] } | { error: string } {
  const want = PICTURE_COMPONENTS[component]?.count;
  if (want === undefined) return { error: `<${component}> is not a picture component` };
  const profiles = named.length > 0 ? [...named] : declared.slice(0, want);
  const undeclared = profiles.filter((p) => !declared.includes(p));
  if (undeclared.length > 0) {
    return {
      error: `<${component} src="${src}"> draws profile ${undeclared.join(", ")}, which ${file} does not declare (it declares ${declared.join(", ")})`,
    };
  }
  if (profiles.length !== want) {
    return {
      error: `<${component} src="${src}"> needs ${want} profile${want === 1 ? "" : "s"}, got ${profiles.length}`,
    };
  }
  return { profiles };
}
