import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Episode } from "../episode/episode.ts";
import { chaptersJson } from "../feeds/chapters-json.ts";
import type { FeedInput } from "../feeds/feed-input.ts";
import { podcastFeedXml } from "../feeds/podcast-feed.ts";
import { readerFeedXml } from "../feeds/reader-feed.ts";
import { chaptersFile, podcastFeed, readerFeed } from "../paths/output-paths.ts";
import type { BuildOptions } from "./build-options.ts";
import type { CastpressData } from "../project/castpress-data.ts";
import { BUILD_DATA_EVENT } from "./episodes-data.ts";
import type { TemplateEnvironments } from "../rendering/template-environments.ts";

export interface FeedsOptions extends BuildOptions {
  templates: TemplateEnvironments;
}

/**
 * /feed.xml and /podcast.xml, written after the pages from the same episodes and block
 * templates, and the chapters files, written by templates/pages/chapters.njk.
 */
export function feeds(eleventyConfig: any, options: FeedsOptions): void {
  let data: CastpressData | undefined;
  eleventyConfig.on(BUILD_DATA_EVENT, (built: CastpressData) => (data = built));

  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    if (!data) return;
    const input = feedInput(data, options.templates);
    await Promise.all([
      writeFile(path.join(directories.output, readerFeed()), readerFeedXml(input)),
      data.site.podcast && writeFile(path.join(directories.output, podcastFeed()), podcastFeedXml(input, data.site.podcast)),
    ]);
  });

  eleventyConfig.addFilter("chaptersJson", chaptersJson);
  // For the permalink function in chapters.njk's front matter, which sees it as `this`.
  eleventyConfig.addJavaScriptFunction("chaptersFile", chaptersFile);
}

function feedInput(castpress: CastpressData, templates: TemplateEnvironments): FeedInput {
  return {
    site: castpress.site,
    episodes: castpress.episodes,
    ...(castpress.art && { art: castpress.art }),
    renderBody: (episode: Episode) => templates.markup.render("feed/item-body.njk", { castpress, episode }),
  };
}
