import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseFeed } from "podcast-partytime";
import Parser from "rss-parser";
import { v5 as uuidv5 } from "uuid";
import { beforeAll, describe, expect, it } from "vitest";
import { podcastGuid } from "../src/feeds/podcast-guid.ts";
import { buildFixture } from "./support/build-in-process.ts";
import { findAll, parseStrictXml } from "./support/strict-xml.ts";

// The fixture's texts hold & < > ]]> quotes, CJK, emoji and control characters; these are
// what a reader must see, with the control characters gone.
const EPISODE_TITLE = "Q&A: <b>tags</b> & ]]> in 北京 🎧 done";
const CHANNEL_TITLE = "Tom & Jerry's <Strait> Talk ]]> 日本 🎙️";
const CHANNEL_DESCRIPTION = "Readings & notes <b>not bold</b> — 中文 and 日本語 🎧 with a bell";
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

let dist: string;
let podcastXml: string;
let readerXml: string;
const read = (file: string) => readFile(path.join(dist, file), "utf8");

beforeAll(async () => {
  ({ dist } = await buildFixture("feed-podcast", { now: "2025-03-01T00:00:00Z" }));
  [podcastXml, readerXml] = await Promise.all([read("podcast.xml"), read("feed.xml")]);
}, 120_000);

describe("podcast.xml", () => {
  it("is well-formed XML 1.0 to a strict parser, with no character XML forbids", () => {
    for (const xml of [podcastXml, readerXml]) {
      expect(() => parseStrictXml(xml)).not.toThrow();
      expect(xml).not.toMatch(FORBIDDEN_IN_XML);
    }
  });

  it("gives the Podcast Index's parser every channel value, escaped text intact", () => {
    const feed = parseFeed(podcastXml)!;
    expect(feed.title).toBe(CHANNEL_TITLE);
    expect(feed.description).toBe(CHANNEL_DESCRIPTION);
    expect(feed.link).toBe("https://podcast.example.org/");
    expect(feed.language).toBe("en");
    expect(feed.pubsub?.self).toBe("https://podcast.example.org/podcast.xml");
    expect(feed.itunesImage).toBe("https://cdn.example.org/art.png?size=1400&v=2");
    expect(feed.itunesCategory).toEqual(["Society & Culture > Documentary"]);
    expect(feed.explicit).toBe(false);
    expect(feed.itunesType).toBe("serial");
    expect(feed.author).toBe("Ann & Bo");
    expect(feed.owner).toEqual({ name: "Ann & Bo", email: "owner@example.org" });
    expect(feed.copyright).toBe("© 2025 Ann & Bo");
    expect(feed.locked).toBe(true);
    expect(feed.podcastOwner).toBe("owner@example.org");
    expect(feed.podcastFunding).toEqual([{ url: "https://example.org/support?via=feed&x=1", message: "Support <us> & them" }]);
    expect(feed.podcastPeople?.map((person) => person.name)).toEqual(["Ann Ó Bó", "Bo 博"]);
    expect(feed.podcastPeople?.[0]).toMatchObject({ role: "Host", href: "https://example.org/ann" });
  });

  it("has podcast:guid as the namespace's UUIDv5 of the feed URL without its scheme", () => {
    // The namespace's own example: https://podcastindex.org/namespace/1.0#guid
    expect(podcastGuid("https://mp3s.nashownotes.com/pc20rss.xml")).toBe("917393e3-1b1e-5cef-ace4-edaa54e1f810");
    expect(podcastGuid("https://mp3s.nashownotes.com/pc20rss.xml/")).toBe("917393e3-1b1e-5cef-ace4-edaa54e1f810");
    expect(parseFeed(podcastXml)!.guid).toBe(uuidv5("podcast.example.org/podcast.xml", "ead4c236-bf58-58c6-a2c6-a6b28d128cb6"));
  });

  it("lists the published episodes with audio, newest first, with their Podcasting 2.0 tags", () => {
    const items = parseFeed(podcastXml)!.items;
    expect(items.map((item) => item.title)).toEqual([EPISODE_TITLE, "An episode without a guid"]);
    const [escapes, noGuid] = items as [typeof items[number], typeof items[number]];
    expect(escapes.guid).toBe("tag:podcast.example.org,2025:escapes&1");
    expect(escapes.link).toBe("https://podcast.example.org/episodes/escapes/");
    expect(escapes.pubDate?.toISOString()).toBe("2025-02-10T00:30:00.000Z");
    expect(escapes.enclosure).toEqual({ url: "https://cdn.example.org/audio/escapes.mp3?token=a&b=c", length: 4567890, type: "audio/mpeg" });
    expect(escapes.duration).toBe(3723);
    expect(escapes.explicit).toBe(true);
    expect(escapes.itunesEpisode).toBe(3);
    expect(escapes.itunesSeason).toBe(2);
    expect(escapes.itunesEpisodeType).toBe("bonus");
    expect(escapes.itunesImage).toBe("https://cdn.example.org/ep.jpg?w=3000&h=3000");
    expect(escapes.podcastChapters).toEqual({ url: "https://podcast.example.org/episodes/escapes/chapters.json", type: "application/json+chapters" });
    expect(escapes.podcastTranscripts).toEqual([
      { url: "https://podcast.example.org/episodes/escapes/", type: "text/html", language: "en" },
    ]);
    // Whole seconds, from 59.6 in the front matter.
    expect(noGuid.duration).toBe(60);
    expect(noGuid.explicit).toBe(false);
    expect(noGuid.podcastChapters).toBeUndefined();
    expect(noGuid.itunesImage).toBeUndefined();
  });

  it("keeps item values partytime does not report, exactly, for a strict parser", () => {
    const rss = parseStrictXml(podcastXml);
    const [category] = findAll(rss, "itunes:category");
    expect(category!.attributes.text).toBe("Society & Culture");
    expect(findAll(category!, "itunes:category").map((sub) => sub.attributes.text)).toEqual(["Documentary"]);
    expect(findAll(rss, "podcast:person").map((person) => [person.attributes.role, person.text])).toEqual([
      ["host", "Ann Ó Bó"],
      ["co-host", "Bo 博"],
    ]);
    const pubDates = findAll(rss, "pubDate").map((element) => element.text);
    expect(pubDates).toEqual(["Mon, 10 Feb 2025 00:30:00 GMT", "Sun, 02 Feb 2025 15:00:00 GMT"]);
  });

  it("publishes the chapters file the item points to, from the time-stamped headings", async () => {
    expect(JSON.parse(await read("episodes/escapes/chapters.json"))).toEqual({
      version: "1.2.0",
      chapters: [
        { startTime: 10, title: "Chapter & One <x>" },
        { startTime: 3600, title: "Late chapter" },
      ],
    });
    await expect(read("episodes/no-guid/chapters.json")).rejects.toThrow(/ENOENT/);
  });

  it("cuts a long summary to Apple's 4000 bytes between characters, never inside an emoji", () => {
    const description = parseFeed(podcastXml)!.items[1]!.description!;
    expect(new TextEncoder().encode(description).length).toBeLessThanOrEqual(4000);
    // 1330 three-byte characters fit with the ellipsis; the 18-byte family emoji after them does not.
    expect(description).toBe(`${"長".repeat(1330)}…`);
  });
});

describe("feed.xml", () => {
  const parse = () => new Parser().parseString(readerXml);

  it("lists every published episode, audio or not, with the same guids as podcast.xml", async () => {
    const feed = await parse();
    expect(feed.title).toBe(CHANNEL_TITLE);
    expect(feed.feedUrl).toBe("https://podcast.example.org/feed.xml");
    expect(feed.items.map((item) => [item.title, item.guid])).toEqual([
      [EPISODE_TITLE, "tag:podcast.example.org,2025:escapes&1"],
      ["An episode without a guid", parseFeed(podcastXml)!.items[1]!.guid],
      ["A text-only issue", "5b0c4a58-2f6a-4f53-9a56-1c2f7d1f3a10"],
    ]);
    expect(feed.items[0]!.enclosure).toMatchObject({ url: "https://cdn.example.org/audio/escapes.mp3?token=a&b=c", length: "4567890", type: "audio/mpeg" });
    expect(feed.items[2]!.enclosure).toBeUndefined();
  });

  it("carries the full body in content:encoded: escaped text intact, languages marked, every URL absolute", async () => {
    const feed = await parse();
    const body = feed.items[0]!["content:encoded"] as string;
    expect(body).toContain("Text with a &lt; b &amp;&amp; c &gt; d, and ]]&gt; inside text, 日本語 and emoji 🇯🇵👩‍👩‍👧 and a bell  here.");
    expect(body).toContain('<a href="https://example.org/search?q=a&amp;lang=zh">search link</a>');
    expect(body).toContain('<a href="https://podcast.example.org/people/wang-yi/">Wang Yi</a> <span lang="zh">王毅</span>');
    expect(body).toMatch(/<blockquote lang="zh"[^>]*>\s*<p>原文\]\]&gt;的句子。<\/p>/);
    expect(body).toMatch(/<blockquote lang="en">\s*<p>The original \]\]&gt; sentence.<\/p>/);
    expect(body).toContain('href="https://podcast.example.org/episodes/escapes/#fn1"');
    const urls = [...body.matchAll(/\s(?:href|src|cite)="([^"]*)"/g)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
    const relative = feed.items[1]!["content:encoded"] as string;
    expect(relative).toContain('<a href="https://podcast.example.org/tags/">relative link</a>');
    expect(relative).toContain('<a href="https://podcast.example.org/episodes/no-guid/#top">fragment</a>');
  });
});

describe("drafts and scheduled episodes", () => {
  it("are in neither feed", () => {
    for (const xml of [podcastXml, readerXml]) {
      expect(xml).not.toContain("draft-guid-0001");
      expect(xml).not.toContain("scheduled-guid-0001");
      expect(xml).not.toContain("A draft with audio");
    }
  });

  it("stay out of the feeds even in a --drafts preview, which podcast apps must never see", async () => {
    const preview = await buildFixture("feed-podcast", { now: "2025-03-01T00:00:00Z", drafts: true });
    const feeds = await Promise.all(["podcast.xml", "feed.xml"].map((file) => readFile(path.join(preview.dist, file), "utf8")));
    for (const xml of feeds) {
      expect(xml).not.toContain("draft-guid-0001");
      expect(xml).not.toContain("scheduled-guid-0001");
    }
  }, 120_000);
});
