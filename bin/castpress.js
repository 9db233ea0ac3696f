#!/usr/bin/env node
import { existsSync } from "node:fs";

// A packed castpress runs the JavaScript it was compiled to when it was packed (scripts/pack.mjs).
// A checkout runs its TypeScript as it is, through tsx: Node 20 runs no TypeScript on its own.
const compiled = new URL("../lib/src/cli/main.js", import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
