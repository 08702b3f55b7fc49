/** The pictures: trace and state of a real run → layout model → SVG and a text alternative. Browser-safe. */
export * from "./render";
export * from "./side-by-side";
export * from "./state-view";
export * from "./timeline";
export * from "./trace-data";
