import { castpress } from "./src/eleventy/castpress-plugin.ts";
import { PAGE_TEMPLATES_DIR } from "./src/paths/package-files.ts";

/**
 * A bare `npx @11ty/eleventy` (through the .eleventy.js shim): castpress over the project in
 * the current folder, without drafts. `castpress build` and `serve` use no config file: they
 * add the same plugin with options of their own (src/build/run-eleventy.ts).
 */
export default function (eleventyConfig: any) {
  eleventyConfig.addPlugin(castpress, { root: process.cwd(), drafts: false });
  // The output folder is the caller's choice (castpress build writes to a temporary one).
  return { dir: { input: PAGE_TEMPLATES_DIR } };
}
