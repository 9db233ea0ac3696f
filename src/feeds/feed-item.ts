import type RSS from "rss";
import type { Episode } from "../episode/episode.ts";
import { episodeDescription } from "../rendering/episode-description.ts";
import { absoluteUrl, episodePage } from "../paths/output-paths.ts";
import { absoluteHtml } from "../text/absolute-urls.ts";
import type { FeedInput } from "./feed-input.ts";

/** An episode as an RSS item with what every reader understands; the podcast feed adds its tags to it. */
export function feedItem(episode: Episode, input: FeedInput): RSS.ItemOptions {
  const { baseUrl } = input.site;
  const pageUrl = absoluteUrl(baseUrl, episodePage(episode.slug));
  return {
    title: episode.title,
    description: episodeDescription(episode),
    url: pageUrl,
    // The front matter guid, or one derived from the slug: never from the title, which may change.
    guid: episode.guid,
    date: episode.date,
    author: input.site.author,
    categories: episode.tags,
    ...(episode.audio && {
      enclosure: { url: absoluteUrl(baseUrl, episode.audio.url), size: episode.audio.length, type: episode.audio.type },
    }),
    custom_elements: [{ "content:encoded": { _cdata: absoluteHtml(input.renderBody(episode), baseUrl, pageUrl) } }],
  };
}
