import type { BackgroundWrites } from "../files/background-writes.ts";
import type { CastpressData } from "../project/castpress-data.ts";

/**
 * Everything castpress's Eleventy plugin is given, in the one call that adds it
 * (`eleventyConfig.addPlugin(castpress, options)`): `castpress build`, `castpress serve` and
 * a bare `npx @11ty/eleventy` (eleventy.config.ts) each make their own.
 */
export interface BuildOptions {
  /** The project folder. */
  root: string;
  /** Include drafts and scheduled episodes, marked as such. */
  drafts: boolean;
  /**
   * The checked project each build renders, asked for once per build (and rebuild while
   * serving): build and serve hand over what they have checked and reported already.
   * Without it, each build loads and checks the project at `root` itself.
   */
  data?: () => CastpressData | Promise<CastpressData>;
  /**
   * Where the plugins register what they write beside Eleventy (the emails), so that a build
   * that fails can stop those writes and wait for them before it removes its output.
   */
  backgroundWrites?: BackgroundWrites;
}
