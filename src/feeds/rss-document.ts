import { XMLBuilder } from "fast-xml-parser";
import { escapeHtml } from "../text/html-escape.ts";
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

/** Elements whose text people read as words: titles, descriptions, names. */
const READ_AS_WORDS = new Set(["title", "itunes:title", "description", "itunes:subtitle", "itunes:summary", "itunes:author", "author", "dc:creator", "content:encoded"]);
/** Text a parser that converts numbers would take for one: "1984", "-3.5", "1e3", "0x1F". */
const NUMBER_LIKE = /^\s*[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+)\s*$/i;

/**
 * Element text escaped, and words that look like a number kept words: podcast-partytime's
 * parser (the Podcast Index's, used by many apps) turns such a text into a number and then
 * reads no title at all, so an episode titled "1984" had none there. Its first character as
 * a character reference reads the same in every XML parser and is not taken for a number.
 */
function elementText(name: string, value: unknown): string {
  const text = String(value);
  if (READ_AS_WORDS.has(name) && NUMBER_LIKE.test(text)) {
    const first = String.fromCodePoint(text.codePointAt(0)!);
    return `&#${first.codePointAt(0)};${escapeHtml(text.slice(first.length))}`;
  }
  return escapeHtml(text);
}

const XML = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: true,
  // castpress escapes (with the one escaper the templates use), so it can also keep numbers words.
  processEntities: false,
  tagValueProcessor: elementText,
  attributeValueProcessor: (_name: string, value: unknown) => escapeHtml(String(value)),
});
