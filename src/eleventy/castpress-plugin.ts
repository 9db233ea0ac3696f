import { BackgroundWrites } from "../files/background-writes.ts";
import { templateEnvironments } from "../rendering/template-environments.ts";
import { addWebFilters } from "../web/web-filters.ts";
import type { BuildOptions } from "./build-options.ts";
import { buildProgress } from "./build-progress.ts";
import { emails } from "./emails.ts";
import { episodePages } from "./episode-pages.ts";
import { episodesData } from "./episodes-data.ts";
import { feeds } from "./feeds.ts";
import { nunjucksCompiledOnce } from "./nunjucks-compiled-once.ts";
import { webAssets } from "./web-assets.ts";

/**
 * castpress is a few plugins over one set of episodes; each file under src/eleventy/ is one
 * concern, and all of them get what they need from `options`, nothing else. Episodes are
 * data, parsed once by castpress (episodes-data): Eleventy never reads them as templates,
 * and `castpress serve` watches them itself.
 */
export function castpress(eleventyConfig: any, buildOptions: BuildOptions): void {
  // castpress build and serve stop these writes when a build fails; a bare Eleventy run has no one to tell.
  const options = { ...buildOptions, backgroundWrites: buildOptions.backgroundWrites ?? new BackgroundWrites() };
  eleventyConfig.setTemplateFormats(["njk"]);
  // In a publication castpress's templates are under node_modules/castpress/, which Eleventy
  // skips by default, as it skips what the project's .gitignore names (node_modules/ too).
  eleventyConfig.ignores.delete("**/node_modules/**");
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.addPlugin(episodesData, options);
  eleventyConfig.addPlugin(webAssets);
  eleventyConfig.addPlugin(buildProgress);
  const templates = templateEnvironments(options.root);
  addWebFilters(templates.markup);
  eleventyConfig.setLibrary("njk", templates.markup);
  eleventyConfig.addPlugin(nunjucksCompiledOnce, { environment: templates.markup });
  eleventyConfig.addPlugin(episodePages, { ...options, templates });
  eleventyConfig.addPlugin(emails, { ...options, templates });
  eleventyConfig.addPlugin(feeds, { ...options, templates });
}
