import { XMLBuilder } from "fast-xml-parser";
import { xmlSafeDeep } from "../text/xml-text.ts";

/**
 * XML as fast-xml-parser builds it: keys are element names in order, `@name` keys attributes,
 * `#` an element's text; an array value repeats the element.
 * https://github.com/NaturalIntelligence/fast-xml-parser/blob/master/docs/v4/3.XMLBuilder.md
 */
export type XmlElements = { [name: string]: string | string[] | XmlElements | XmlElements[] };

/** The namespaces castpress's feeds may use. */
const NAMESPACES = {
  atom: "http://www.w3.org/2005/Atom",
  content: "http://purl.org/rss/1.0/modules/content/",
  dc: "http://purl.org/dc/elements/1.1/",
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
  podcast: "https://podcastindex.org/namespace/1.0",
};

/** What a channel says about itself, before its items. */
export interface RssChannel {
  title: string;
  description: string;
  /** The site's home page. */
  link: string;
  /** The feed's own URL (atom:link rel=self). */
  feedUrl: string;
  language: string;
  copyright?: string;
  imageUrl?: string;
  /** Elements of other namespaces (itunes:, podcast:), in order. */
  elements?: XmlElements;
}

/** One item: its elements in order, and its date (the newest dates the feed). */
export interface RssItem {
  date: Date;
  elements: XmlElements;
}

/**
 * An RSS 2.0 document (https://www.rssboard.org/rss-specification). Every string is made safe
 * for XML first: escaping cannot carry the characters XML forbids, so they are dropped. The
 * channel's lastBuildDate is its newest item's date, when its content last changed, so the same
 * episodes always make the same bytes.
 */
export function rssDocument(channel: RssChannel, items: RssItem[]): string {
  const newest = Math.max(...items.map((item) => item.date.getTime()));
  const head: XmlElements = {
    title: channel.title,
    description: channel.description,
    link: channel.link,
    ...(channel.imageUrl && { image: { url: channel.imageUrl, title: channel.title, link: channel.link } }),
    generator: "castpress",
    ...(Number.isFinite(newest) && { lastBuildDate: new Date(newest).toUTCString() }),
    "atom:link": { "@href": channel.feedUrl, "@rel": "self", "@type": "application/rss+xml" },
    ...(channel.copyright && { copyright: channel.copyright }),
    language: channel.language,
  };
  const rss = {
    "@version": "2.0",
    ...Object.fromEntries(Object.entries(NAMESPACES).map(([prefix, uri]) => [`@xmlns:${prefix}`, uri])),
    channel: { ...head, ...channel.elements, item: items.map((item) => item.elements) },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${XML.build({ rss: xmlSafeDeep(rss) })}`;
}

const XML = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
});
