import { absoluteUrl, archivePage, readerFeed } from "../paths/output-paths.ts";
import { feedEpisodes, type FeedInput } from "./feed-input.ts";
import { feedItem } from "./feed-item.ts";
import { rssDocument } from "./rss-document.ts";

/**
 * /feed.xml: the newest `feeds.latest` published issues, each with its full text and its audio
 * where it has some. A reader app keeps what it has once fetched; the archive holds the rest.
 */
export function readerFeedXml(input: FeedInput): string {
  const { site } = input;
  return rssDocument(
    {
      title: site.title,
      description: site.description,
      link: absoluteUrl(site.baseUrl, archivePage(1)),
      feedUrl: absoluteUrl(site.baseUrl, readerFeed()),
      language: site.language,
      ...(site.copyright && { copyright: site.copyright }),
      ...(input.art && { imageUrl: absoluteUrl(site.baseUrl, input.art.url) }),
    },
    feedEpisodes(input.episodes)
      .slice(0, site.feeds.latest)
      .map((episode) => feedItem(episode, input, "full")),
  );
}
