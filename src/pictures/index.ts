/** The pictures: trace and state of a real run → layout model → hast trees (SVG, text alternative, legend). Browser-safe. */
export * from "./kinds";
export * from "./legend";
export * from "./render";
export * from "./side-by-side";
export * from "./side-by-side-draw";
export * from "./state-view";
export * from "./state-view-svg";
export * from "./state-view-text";
export * from "./svg";
export * from "./timeline";
export * from "./timeline-svg";
export * from "./timeline-text";
export * from "./trace-data";
