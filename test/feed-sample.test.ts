import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseFeed } from "podcast-partytime";
import { beforeAll, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { parseStrictXml } from "./support/strict-xml.ts";

let dist: string;
const read = (file: string) => readFile(path.join(dist, file), "utf8");

beforeAll(async () => {
  ({ dist } = await buildFixture("east-asia-digest"));
}, 120_000);

it("puts the sample episode's real audio facts in podcast.xml, read from the MP3 itself", async () => {
  const xml = await read("podcast.xml");
  expect(() => parseStrictXml(xml)).not.toThrow();
  const feed = parseFeed(xml)!;
  expect(feed.itunesImage).toBe("https://castpress.example.org/media/art/cover.png");
  expect(feed.itunesCategory).toEqual(["News > Politics"]);
  expect(feed.items).toHaveLength(1);
  const [episode] = feed.items;
  expect(episode!.guid).toBe("7fff0468-575e-4747-a336-88080f06fd13");
  expect(episode!.duration).toBe(97);
  expect(episode!.enclosure).toEqual({
    url: "https://castpress.example.org/media/audio/2025-01-16-beijing-talks-resume.mp3",
    length: 389956,
    type: "audio/mpeg",
  });
  expect(episode!.podcastTranscripts).toEqual([
    { url: "https://castpress.example.org/media/audio/2025-01-16-beijing-talks-resume.vtt", type: "text/vtt", language: "en", rel: "captions" },
  ]);
  expect(episode!.podcastChapters?.url).toBe("https://castpress.example.org/episodes/beijing-talks-resume/chapters.json");
});

it("publishes its three chapters beside the episode", async () => {
  const chapters = JSON.parse(await read("episodes/beijing-talks-resume/chapters.json"));
  expect(chapters.version).toBe("1.2.0");
  expect(chapters.chapters.map((chapter: { startTime: number }) => chapter.startTime)).toEqual([37, 57, 72]);
  expect(chapters.chapters[2].title).toBe("Who met with the delegation?");
});

it("lists every sample episode in feed.xml, those without audio too", async () => {
  const xml = await read("feed.xml");
  const titles = parseStrictXml(xml).children[0]!.children.filter((child) => child.name === "item").map((item) => item.children.find((child) => child.name === "title")!.text);
  expect(titles).toEqual(["Seoul and Tokyo after Gyeongju", "After the Party Talks, the Seafood Talks", "China-Japan Relations Reset as Trump 2.0 Looms"]);
});
