import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildOptionsFromEnv } from "./src/eleventy/build-options.ts";
import { buildProgress } from "./src/eleventy/build-progress.ts";
import { emails } from "./src/eleventy/emails.ts";
import { episodesData } from "./src/eleventy/episodes-data.ts";
import { feeds } from "./src/eleventy/feeds.ts";
import { templateEnvironments } from "./src/eleventy/nunjucks-environment.ts";
import { searchIndex } from "./src/eleventy/search-index.ts";
import { webAssets } from "./src/eleventy/web-assets.ts";
import { webStructuredData } from "./src/eleventy/web-structured-data.ts";

const PACKAGE_ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * castpress is a few plugins over one set of episodes; each file under src/eleventy/ is one
 * concern. Episodes are data, parsed once by castpress (episodes-data): Eleventy never reads
 * them as templates, and `castpress serve` watches them itself.
 */
export default function castpress(eleventyConfig: any) {
  const options = buildOptionsFromEnv();
  // In a publication castpress's templates are under node_modules/castpress/, which Eleventy
  // skips by default, as it skips what the project's .gitignore names (node_modules/ too).
  eleventyConfig.ignores.delete("**/node_modules/**");
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.addPlugin(episodesData, options);
  eleventyConfig.addPlugin(webStructuredData);
  eleventyConfig.addPlugin(webAssets);
  eleventyConfig.addPlugin(searchIndex, options);
  eleventyConfig.addPlugin(buildProgress);
  const templates = templateEnvironments(options.root);
  eleventyConfig.setLibrary("njk", templates.markup);
  eleventyConfig.addPlugin(emails, { ...options, templates });
  eleventyConfig.addPlugin(feeds, { ...options, templates });

  return {
    // The output folder is the caller's choice (castpress build writes to a temporary one).
    dir: { input: path.join(PACKAGE_ROOT, "templates/pages") },
    templateFormats: ["njk"],
    htmlTemplateEngine: "njk",
  };
}
