import type { Episode } from "../episode/episode.ts";
import { chaptersJson } from "../feeds/chapters-json.ts";
import type { FeedInput } from "../feeds/feed-input.ts";
import { podcastFeedXml } from "../feeds/podcast-feed.ts";
import { readerFeedXml } from "../feeds/reader-feed.ts";
import { chaptersFile, podcastFeed, readerFeed } from "../paths.ts";
import type { BuildOptions } from "./build-options.ts";
import type { CastpressData } from "./episodes-data.ts";
import type { TemplateEnvironments } from "./nunjucks-environment.ts";

export interface FeedsOptions extends BuildOptions {
  templates: TemplateEnvironments;
}

/**
 * The feeds and chapters files, written by the page templates templates/pages/feed.njk,
 * podcast.njk and chapters.njk through the filters and permalink functions added here.
 */
export function feeds(eleventyConfig: any, options: FeedsOptions): void {
  // Both feeds carry the same bodies: render each once per build (a rebuild parses new Episode objects).
  const bodies = new WeakMap<Episode, string>();
  const feedInput = (castpress: CastpressData): FeedInput => ({
    site: castpress.site,
    episodes: castpress.episodes,
    ...(castpress.art && { art: castpress.art }),
    renderBody: (episode: Episode) => {
      const body = bodies.get(episode) ?? options.templates.markup.render("feed/item-body.njk", { castpress, episode });
      bodies.set(episode, body);
      return body;
    },
  });
  eleventyConfig.addFilter("readerFeedXml", (castpress: CastpressData) => readerFeedXml(feedInput(castpress)));
  eleventyConfig.addFilter("podcastFeedXml", (castpress: CastpressData) =>
    castpress.site.podcast ? podcastFeedXml(feedInput(castpress), castpress.site.podcast) : "",
  );
  eleventyConfig.addFilter("chaptersJson", chaptersJson);

  // For the permalink functions in the pages' JavaScript front matter, which see these as `this`.
  eleventyConfig.addJavaScriptFunction("readerFeed", readerFeed);
  eleventyConfig.addJavaScriptFunction("podcastFeed", podcastFeed);
  eleventyConfig.addJavaScriptFunction("chaptersFile", chaptersFile);
}
