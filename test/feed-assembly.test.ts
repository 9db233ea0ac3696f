import fc from "fast-check";
import RSS from "rss";
import { expect, it } from "vitest";
import { rssDocument, rssItemXml } from "../src/feeds/rss-document.ts";
import { xmlSafeDeep } from "../src/text/xml-text.ts";
import { findAll, parseStrictXml } from "./support/strict-xml.ts";

// A feed is put together from items `rss` wrote one at a time (so serve can keep the items of
// episodes an edit did not touch). Whatever the text, it must be the document `rss` writes
// with all the items at once, and a podcast app must read the same items from it.

const CHANNEL: RSS.FeedOptions = {
  title: "Channel <title> & \n        <item>",
  description: "A channel",
  site_url: "https://example.org/",
  feed_url: "https://example.org/feed.xml",
  custom_namespaces: { itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd" },
  custom_elements: [{ "itunes:author": "Author & co" }],
};

const text = fc.oneof(
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("]]>", "\n        <item>", "</item>\n    </channel>", "中文 日本語 🇯🇵", "a\u0000b\uFFFE", "&amp; <b>"),
);

const item = fc.record({
  title: text,
  description: text,
  body: text,
  categories: fc.array(text, { maxLength: 3 }),
  date: fc.date({ min: new Date("2000-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
});

it("writes, item by item, the same bytes `rss` writes for the whole feed", () => {
  fc.assert(
    fc.property(fc.array(item, { maxLength: 5 }), (items) => {
      const options = items.map((entry, index) => ({
        title: entry.title,
        description: entry.description,
        url: `https://example.org/episodes/${index}/`,
        guid: `guid-${index}`,
        date: entry.date,
        categories: entry.categories,
        custom_elements: [{ "content:encoded": { _cdata: entry.body } }],
      }));
      const assembled = Buffer.concat(rssDocument(CHANNEL, options.map(rssItemXml))).toString("utf8");

      const whole = new RSS(xmlSafeDeep(CHANNEL));
      for (const option of options) whole.item(xmlSafeDeep(option));
      const expected = `${whole.xml({ indent: true })}\n`;
      const withoutBuildDate = (xml: string) => xml.replace(/<lastBuildDate>[^<]*<\/lastBuildDate>\n?\s*/, "");
      expect(withoutBuildDate(assembled)).toBe(withoutBuildDate(expected));

      const guids = findAll(parseStrictXml(assembled), "item").map((element) => findAll(element, "guid")[0]!.text);
      expect(guids).toEqual(options.map((option) => option.guid));
    }),
    { numRuns: 200 },
  );
});
