/**
 * Which MDX components draw pictures, and which profiles a picture draws: the
 * registry of picture kinds (src/pictures/kinds.ts) holds both, for the docs
 * collection, the build and the page alike.
 */
export { PICTURE_COMPONENTS, resolvePictureProfiles } from "../pictures/kinds";
