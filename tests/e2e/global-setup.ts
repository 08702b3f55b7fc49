/**
 * Serves the built site with `astro preview` on 127.0.0.1 for the browser tests,
 * and stops it afterwards. The URL reaches the tests through `inject("baseUrl")`: the
 * site's root without the trailing slash, Astro's `base` included when the site was
 * built with SITE_BASE (set the same SITE_BASE for the build and the tests).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

const root = join(import.meta.dirname, "..", "..");
const PORT = Number(process.env.E2E_PORT ?? 4329);
/** "" at the root, "/msi-lifecycle" for SITE_BASE=/msi-lifecycle/ */
const BASE = (process.env.SITE_BASE ?? "/").replace(/\/+$/, "");

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
  if (!readFileSync(join(root, "dist", "index.html"), "utf8").includes(`"${BASE}/_astro/`)) {
    throw new Error(`dist/ was not built for SITE_BASE=${process.env.SITE_BASE ?? "/"}: build with the same SITE_BASE`);
  }
  const baseUrl = `http://127.0.0.1:${PORT}${BASE}`;
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
      const res = await fetch(`${baseUrl}/`);
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
