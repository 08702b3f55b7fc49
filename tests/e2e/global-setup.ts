/**
 * Serves the built site with `astro preview` on 127.0.0.1 for the browser tests,
 * and stops it afterwards. The URL reaches the tests through `inject("baseUrl")`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

const root = join(import.meta.dirname, "..", "..");
const PORT = Number(process.env.E2E_PORT ?? 4329);

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: ChildProcess | undefined;

export async function setup(project: TestProject) {
  if (!existsSync(join(root, "dist", "index.html"))) {
    throw new Error("dist/ is missing: run `npm run test:e2e`, which builds the site first");
  }
  const baseUrl = `http://127.0.0.1:${PORT}`;
  server = spawn(
    process.execPath,
    [
      join(root, "node_modules/astro/bin/astro.mjs"),
      "preview",
      "--host",
      "127.0.0.1",
      "--port",
      String(PORT),
      "--ignore-lock",
    ],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  server.stdout?.on("data", (d) => (log += d));
  server.stderr?.on("data", (d) => (log += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(baseUrl);
      if (res.ok) break;
    } catch {}
    if (server.exitCode !== null || Date.now() > deadline) {
      throw new Error(`astro preview did not start on ${baseUrl}:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide("baseUrl", baseUrl);
}

export async function teardown() {
  server?.kill();
}
