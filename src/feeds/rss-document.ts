import RSS from "rss";
import { xmlSafeDeep } from "./xml-text.ts";

/** The namespaces castpress's feeds use beyond the dc, content and atom that `rss` always declares. */
export const PODCAST_NAMESPACES = {
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
  podcast: "https://podcastindex.org/namespace/1.0",
};

/**
 * An RSS 2.0 document from `rss` options and items, with every string made safe for XML first.
 * `rss` writes text escaped and CDATA split around `]]>`; it cannot drop what XML forbids.
 */
export function rssDocument(channel: RSS.FeedOptions, items: RSS.ItemOptions[]): string {
  const feed = new RSS(xmlSafeDeep(channel));
  for (const item of items) feed.item(xmlSafeDeep(item));
  return reproducible(feed.xml({ indent: true }), items);
}

/**
 * `rss` stamps lastBuildDate with the time of the build; the newest item's date says when the
 * content last changed, and keeps the same input building to the same bytes.
 */
function reproducible(xml: string, items: RSS.ItemOptions[]): string {
  const newest = Math.max(...items.map((item) => new Date(item.date).getTime()));
  return xml.replace(/<lastBuildDate>[^<]*<\/lastBuildDate>\n?\s*/, (element) =>
    Number.isFinite(newest) ? element.replace(/>[^<]*</, `>${new Date(newest).toUTCString()}<`) : "",
  );
}
