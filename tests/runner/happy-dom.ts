/**
 * Gives the calling test file happy-dom's globals (document, HTMLElement, events, ...) for its
 * tests: Vitest's own happy-dom environment, set up in beforeAll and torn down in afterAll, so the
 * globals are back as they were for the next file. The same as `// @vitest-environment happy-dom`,
 * but the file stays in the shared Node workers: a file with another environment gets worker
 * processes of its own, which imported the shared modules again (about 5 s of CPU per `npm test`,
 * measured by polling the workers' CPU time). Nothing in the imported modules touches the DOM
 * before a test runs.
 */
import { afterAll, beforeAll } from "vitest";
import { builtinEnvironments } from "vitest/runtime";

export function useHappyDom(): void {
  let teardown: ((global: object) => unknown) | undefined;
  beforeAll(async () => {
    const env = builtinEnvironments["happy-dom"];
    ({ teardown } = await env.setup(globalThis, { happyDOM: {} } as Parameters<typeof env.setup>[1]));
  });
  afterAll(async () => {
    await teardown?.(globalThis);
  });
}
