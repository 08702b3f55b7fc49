/**
 * What the bundler (Vite, for Astro's client build and for Vitest) gives the browser code
 * under src/, declared here without depending on Vite's own types: import.meta.env.BASE_URL
 * (the site's base path) and a stylesheet imported as its URL ("./runner.css?url":
 * src/runner/client/runner.ts and src/pictures/client/all-calls.ts link theirs when first needed).
 */
interface ImportMetaEnv {
  readonly BASE_URL: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
declare module "*.css?url" {
  const href: string;
  export default href;
}
