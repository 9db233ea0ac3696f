import path from "node:path";
import { TEMPLATES_DIR } from "../paths/package-files.ts";

/** The archive's own CSS and scripts, from castpress's templates/assets to /assets/. No other host is ever asked for anything. */
export function webAssets(eleventyConfig: any): void {
  eleventyConfig.addPassthroughCopy({ [path.join(TEMPLATES_DIR, "assets")]: "assets" });
}
