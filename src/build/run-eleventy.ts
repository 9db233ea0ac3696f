import type { BuildOptions } from "../eleventy/build-options.ts";
import { castpress } from "../eleventy/castpress-plugin.ts";
import { PAGE_TEMPLATES_DIR } from "../paths/package-files.ts";

/** An Eleventy over castpress's templates, given everything through the plugin's options. */
export async function createEleventy(options: BuildOptions, output: string, extra: Record<string, unknown> = {}) {
  const { Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(PAGE_TEMPLATES_DIR, output, {
    // No config file, neither castpress's (a bare run's defaults) nor one in the project: the plugin is the whole config.
    configPath: "",
    config: (eleventyConfig: any) => eleventyConfig.addPlugin(castpress, options),
    quietMode: true,
    ...extra,
  });
  // castpress reports progress and errors itself, as file:line messages rather than stack traces.
  eleventy.disableLogger();
  return eleventy;
}
