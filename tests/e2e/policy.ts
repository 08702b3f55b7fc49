/**
 * Watching a page for content security policy violations: the `securitypolicyviolation`
 * events of every document the page loads (listened for before any script of the page
 * runs), and the console errors and uncaught errors the browser reports.
 */
import type { Page } from "playwright-core";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

export interface Watch {
  /** Console errors and uncaught exceptions, with the page they happened on. */
  errors: string[];
  /** The violations reported by the current document so far. */
  violations(): Promise<string[]>;
}

export async function watchPolicy(page: Page): Promise<Watch> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations?.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`,
      );
    });
  });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  return {
    errors,
    violations: () => page.evaluate(() => window.__cspViolations ?? ["(the violation listener is missing)"]),
  };
}

/** A policy's directives: name -> sources. */
export function directives(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out.set(name, sources);
  }
  return out;
}

/** Waits until Starlight's search UI, loaded in an idle callback, has rendered. */
export async function searchReady(page: Page) {
  await page.locator("#starlight__search .pagefind-ui").waitFor({ state: "attached", timeout: 15_000 });
}

/** Waits for a snippet's run to finish and returns its result kind. */
export async function runResult(page: Page, id: string, timeout = 20_000): Promise<string> {
  const runner = page.locator(`#${id} [data-runner]`);
  await page.waitForFunction(
    (id) =>
      /^(match|differs|error|timeout|ran)$/.test(
        document.querySelector<HTMLElement>(`#${id} [data-runner]`)?.dataset.result ?? "",
      ),
    id,
    { timeout, polling: 25 },
  );
  return (await runner.getAttribute("data-result")) ?? "";
}
