import { absoluteUrl, archivePage, readerFeed } from "../paths/output-paths.ts";
import { feedEpisodes, feedItemXml, type FeedInput } from "./feed-input.ts";
import { feedItem } from "./feed-item.ts";
import { rssDocument, type XmlDocument } from "./rss-document.ts";

/** /feed.xml: every published episode with its full text, and its audio where it has some. */
export function readerFeedXml(input: FeedInput): XmlDocument {
  const { site } = input;
  return rssDocument(
    {
      title: site.title,
      description: site.description,
      site_url: absoluteUrl(site.baseUrl, archivePage(1)),
      feed_url: absoluteUrl(site.baseUrl, readerFeed()),
      language: site.language,
      generator: "castpress",
      ...(site.copyright && { copyright: site.copyright }),
      ...(input.art && { image_url: absoluteUrl(site.baseUrl, input.art.url) }),
    },
    feedEpisodes(input.episodes).map((episode) => feedItemXml(input, "reader", episode, () => feedItem(episode, input))),
  );
}
