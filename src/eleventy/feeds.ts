import path from "node:path";
import type { Episode } from "../episode/episode.ts";
import { chaptersJson } from "../feeds/chapters-json.ts";
import type { FeedInput } from "../feeds/feed-input.ts";
import { podcastFeedXml } from "../feeds/podcast-feed.ts";
import { readerFeedXml } from "../feeds/reader-feed.ts";
import { writeXmlDocument } from "../feeds/rss-document.ts";
import { chaptersFile, podcastFeed, readerFeed } from "../paths/output-paths.ts";
import type { BuildOptions } from "./build-options.ts";
import type { CastpressData } from "../project/castpress-data.ts";
import { BUILD_DATA_EVENT } from "./episodes-data.ts";
import type { TemplateEnvironments } from "../rendering/template-environments.ts";

export interface FeedsOptions extends BuildOptions {
  templates: TemplateEnvironments;
}

// Both feeds carry the same bodies, and each item is written once per Episode object: once per
// build, and while serving, again only for the episodes an edit changed (an Eleventy restart
// runs this plugin again, so these live with the module). Serve makes new Episode objects
// whenever the config, the people or a template changes.
const bodies = new WeakMap<Episode, string>();
const items: NonNullable<FeedInput["items"]> = new WeakMap();

/**
 * /feed.xml and /podcast.xml, written after the pages, and the chapters files, written by
 * templates/pages/chapters.njk. The feeds are not page templates because, holding every
 * episode's full text, they run to megabytes: they are put together as bytes from the items
 * kept per episode, which Eleventy would turn into one long string and write out again.
 */
export function feeds(eleventyConfig: any, options: FeedsOptions): void {
  let data: CastpressData | undefined;
  eleventyConfig.on(BUILD_DATA_EVENT, (built: CastpressData) => (data = built));

  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    if (!data) return;
    const input = feedInput(data, options.templates);
    await Promise.all([
      writeXmlDocument(path.join(directories.output, readerFeed()), readerFeedXml(input)),
      data.site.podcast && writeXmlDocument(path.join(directories.output, podcastFeed()), podcastFeedXml(input, data.site.podcast)),
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
    renderBody: (episode: Episode) => {
      const body = bodies.get(episode) ?? templates.markup.render("feed/item-body.njk", { castpress, episode });
      bodies.set(episode, body);
      return body;
    },
    items,
  };
}
