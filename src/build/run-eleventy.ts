import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildOptionsToEnv, type BuildOptions } from "../eleventy/build-options.ts";

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const ELEVENTY_INPUT = path.join(PACKAGE_ROOT, "templates/pages");
export const ELEVENTY_CONFIG = path.join(PACKAGE_ROOT, ".eleventy.js");

/** An Eleventy over castpress's templates and config, for the project and options given. */
export async function createEleventy(options: BuildOptions, output: string, extra: Record<string, unknown> = {}) {
  Object.assign(process.env, buildOptionsToEnv(options));
  const { Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(ELEVENTY_INPUT, output, { configPath: ELEVENTY_CONFIG, quietMode: true, ...extra });
  // castpress reports progress and errors itself, as file:line messages rather than stack traces.
  eleventy.disableLogger();
  return eleventy;
}
