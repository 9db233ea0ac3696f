import { parseFeed } from "podcast-partytime";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { rssDocument } from "../../src/feeds/rss-document.ts";
import { parseStrictXml } from "../support/strict-xml.ts";

const CHANNEL = { title: "Channel", description: "About", link: "https://feeds.example/", feedUrl: "https://feeds.example/podcast.xml", language: "en" };

/** A one-item feed with this title, read back by the parsers podcast apps and feed readers use. */
async function titleReadBack(title: string) {
  const xml = rssDocument(CHANNEL, [
    {
      date: new Date("2025-01-16T00:00:00Z"),
      elements: {
        title,
        description: title,
        guid: { "@isPermaLink": "false", "#": "case&guid" },
        enclosure: { "@url": "https://feeds.example/a.mp3?x=1&y=2", "@length": "1", "@type": "audio/mpeg" },
        "itunes:episode": "7",
      },
    },
  ]);
  parseStrictXml(xml);
  const partytime = parseFeed(xml)?.items[0];
  const rssParser = (await new Parser().parseString(xml)).items[0];
  return { partytime, rssParser };
}

describe("rssDocument", () => {
  // Found by test/property-episodes.test.ts: podcast-partytime read an episode titled "0" as untitled.
  it.each(["0", "1984", "-3.5", "+7", "1e3", ".5", "0x1F", " 42 "])("keeps a title that looks like a number (%j) a title for podcast-partytime and rss-parser", async (title) => {
    const { partytime, rssParser } = await titleReadBack(title);
    expect(partytime?.title).toBe(title.trim());
    expect(partytime?.description).toBe(title.trim());
    expect(rssParser?.title).toBe(title);
  });

  it("escapes what XML reserves in text and attributes, and leaves numbers that are numbers alone", async () => {
    const title = `Tom & Jerry's <b>"Talk"</b> ]]> 1984`;
    const { partytime, rssParser } = await titleReadBack(title);
    expect(rssParser?.title).toBe(title);
    expect(partytime?.guid).toBe("case&guid");
    expect(partytime?.enclosure?.url).toBe("https://feeds.example/a.mp3?x=1&y=2");
    expect(partytime?.podcastEpisode?.number ?? partytime?.itunesEpisode).toBe(7);
  });
});
