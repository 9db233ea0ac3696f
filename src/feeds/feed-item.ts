import type { Episode } from "../episode/episode.ts";
import { episodeDescription } from "../rendering/episode-description.ts";
import { absoluteHtml } from "../text/absolute-urls.ts";
import { absoluteUrl, episodePage } from "../paths/output-paths.ts";
import type { FeedInput } from "./feed-input.ts";
import type { RssItem, XmlElements } from "./rss-document.ts";
import { truncateUtf8 } from "../text/xml-text.ts";

/**
 * An older episode's summary in podcast.xml: with the item's other elements about 1.5 KB, so a
 * feed listing a thousand episodes stays under 2 MB. Apps fetch the whole feed every hour.
 */
const SUMMARY_MAX_BYTES = 500;

/** How much of an episode an item carries: its whole text, or a summary and a link to its page. */
export type ItemNotes = "full" | "summary";

/** An episode as an RSS item with what every reader understands; `extra` elements (the podcast feed's tags) follow. */
export function feedItem(episode: Episode, input: FeedInput, notes: ItemNotes, extra: XmlElements = {}): RssItem {
  const { baseUrl } = input.site;
  const pageUrl = absoluteUrl(baseUrl, episodePage(episode.slug));
  const description = episodeDescription(episode);
  return {
    date: episode.date,
    elements: {
      title: episode.title,
      description:
        notes === "full" ? description : `${truncateUtf8(description, SUMMARY_MAX_BYTES)}\n\nShow notes: ${pageUrl}`,
      link: pageUrl,
      // The front matter guid, or one derived from the slug: never from the title, which may change.
      guid: { "@isPermaLink": "false", "#": episode.guid },
      ...(episode.tags.length > 0 && { category: episode.tags }),
      "dc:creator": input.site.author,
      pubDate: episode.date.toUTCString(),
      ...(episode.audio && {
        enclosure: { "@url": absoluteUrl(baseUrl, episode.audio.url), "@length": String(episode.audio.length), "@type": episode.audio.type },
      }),
      ...(notes === "full" && { "content:encoded": absoluteHtml(input.renderBody(episode), baseUrl, pageUrl) }),
      ...extra,
    },
  };
}
