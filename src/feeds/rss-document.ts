import { open } from "node:fs/promises";
import RSS from "rss";
import { xmlSafeDeep } from "../text/xml-text.ts";

/** The namespaces castpress's feeds use beyond the dc, content and atom that `rss` always declares. */
export const PODCAST_NAMESPACES = {
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
  podcast: "https://podcastindex.org/namespace/1.0",
};

/** An item as `rss` writes it, in UTF-8, and its date (the newest dates the feed). */
export interface RssItemXml {
  xml: Buffer;
  date: Date;
}

// `rss` (with indent) writes each item on its own lines inside the channel, after the channel's
// own elements; an item's text never depends on the channel nor on the other items.
const ITEM_START = "\n        <item>";
const CHANNEL_END = "\n    </channel>";

/**
 * One item's XML exactly as `rss` writes it inside a feed, with every string made safe for
 * XML first (`rss` escapes text and splits CDATA around `]]>`; it cannot drop what XML forbids).
 * Made apart from the feed, and encoded, so a feed of a thousand full-text episodes (megabytes)
 * is put together from the items of those that did not change without writing them again
 * (src/eleventy/feeds.ts).
 */
export function rssItemXml(item: RSS.ItemOptions): RssItemXml {
  // The bare channel holds no text of the author's, so its first <item> is this item's.
  const xml = new RSS({ title: "", feed_url: "", site_url: "" }).item(xmlSafeDeep(item)).xml({ indent: true });
  return { xml: Buffer.from(xml.slice(xml.indexOf(ITEM_START), xml.lastIndexOf(CHANNEL_END))), date: new Date(item.date) };
}

/**
 * A document's UTF-8 bytes in pieces, to be written one after the other (writeXmlDocument):
 * joining megabytes of items into one buffer first would only copy them.
 */
export type XmlDocument = Buffer[];

/** An RSS 2.0 document from `rss` channel options and items from rssItemXml, as `rss` would write them together. */
export function rssDocument(channel: RSS.FeedOptions, items: RssItemXml[]): XmlDocument {
  const empty = reproducible(new RSS(xmlSafeDeep(channel)).xml({ indent: true }), items);
  const end = empty.lastIndexOf(CHANNEL_END);
  return [Buffer.from(empty.slice(0, end)), ...items.map((item) => item.xml), Buffer.from(`${empty.slice(end)}\n`)];
}

/** Writes the pieces to the file in one call (the system takes them as they are). */
export async function writeXmlDocument(file: string, document: XmlDocument): Promise<void> {
  const handle = await open(file, "w");
  try {
    await handle.writev(document);
  } finally {
    await handle.close();
  }
}

/**
 * `rss` stamps lastBuildDate with the time of the build; the newest item's date says when the
 * content last changed, and keeps the same input building to the same bytes.
 */
function reproducible(xml: string, items: RssItemXml[]): string {
  const newest = Math.max(...items.map((item) => item.date.getTime()));
  return xml.replace(/<lastBuildDate>[^<]*<\/lastBuildDate>\n?\s*/, (element) =>
    Number.isFinite(newest) ? element.replace(/>[^<]*</, `>${new Date(newest).toUTCString()}<`) : "",
  );
}
