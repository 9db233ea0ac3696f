import { existsSync } from "node:fs";

// A bare `npx @11ty/eleventy`: the config as castpress was packed (compiled, scripts/pack.mjs),
// or in a checkout as it is, through tsx, since Node 20 runs no TypeScript on its own.
const compiled = new URL("./lib/eleventy.config.js", import.meta.url);
let config;
if (existsSync(compiled)) {
  config = await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  config = await import("./eleventy.config.ts");
}
export default config.default;
