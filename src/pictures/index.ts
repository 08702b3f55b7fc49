/** The pictures: trace and state of a real run → layout model → hast trees (HTML drawings that are their own text, legends). Browser-safe. */
export * from "./kinds";
export * from "./legend";
export * from "./render";
export * from "./side-by-side";
export * from "./side-by-side-draw";
export * from "./state-view";
export * from "./state-view-draw";
export * from "./state-view-text";
export * from "./hast";
export * from "./timeline";
export * from "./timeline-draw";
export * from "./timeline-text";
export * from "./trace-data";
