import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseFeed } from "podcast-partytime";
import Parser from "rss-parser";
import { beforeAll, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { parseStrictXml } from "./support/strict-xml.ts";

// The fixture (test/fixtures/feed-limits/castpress.yaml) keeps feed.xml to the newest 3 issues
// and gives full show notes to the newest 2 episodes of podcast.xml. Its five podcast episodes
// are dated 2025-03-01 to -05, a text issue 2025-03-06; each body holds "body-marker-N".
const title = (n: number) => `Episode ${n}: AT&amp;T &lt;b&gt; & <i>`;
const page = (slug: string) => `https://limits.example.org/episodes/${slug}/`;

let podcastXml: string;
let readerXml: string;

beforeAll(async () => {
  const { dist } = await buildFixture("feed-limits", { now: "2025-04-01T00:00:00Z" });
  const read = (file: string) => readFile(path.join(dist, file), "utf8");
  [podcastXml, readerXml] = await Promise.all([read("podcast.xml"), read("feed.xml")]);
}, 120_000);

it("feed.xml carries only the newest `feeds.latest` issues, each in full", async () => {
  parseStrictXml(readerXml);
  const feed = await new Parser().parseString(readerXml);
  expect(feed.items.map((item) => item.title)).toEqual(["A text issue", title(5), title(4)]);
  expect(feed.items.map((item) => item["content:encoded"])).toEqual([
    expect.stringContaining("body-marker-text"),
    expect.stringContaining("body-marker-5"),
    expect.stringContaining("body-marker-4"),
  ]);
});

it("podcast.xml lists every episode with audio: the newest with full show notes, older ones a summary and a link", async () => {
  parseStrictXml(podcastXml);
  // (podcast-partytime decodes entities in titles twice, so titles are read by rss-parser.)
  const feed = parseFeed(podcastXml)!;
  expect(feed.items.map((item) => item.guid)).toEqual([5, 4, 3, 2, 1].map((n) => `limits-guid-${n}`));
  expect(feed.items.map((item) => item.enclosure?.url)).toEqual([5, 4, 3, 2, 1].map((n) => `https://cdn.example.org/episode-${n}.mp3`));

  const items = (await new Parser().parseString(podcastXml)).items;
  expect(items.map((item) => item.title)).toEqual([5, 4, 3, 2, 1].map(title));
  for (const [index, n] of [5, 4].entries()) {
    expect(items[index]!["content:encoded"]).toContain(`body-marker-${n}`);
    expect(items[index]!.content).toMatch(new RegExp(`^Summary of episode ${n},`));
    expect(items[index]!.content).not.toContain("Show notes:");
  }
  for (const [index, n] of [3, 2, 1].entries()) {
    const item = items[index + 2]!;
    expect(item["content:encoded"]).toBeUndefined();
    expect(podcastXml).not.toContain(`body-marker-${n}`);
    expect(item.link).toBe(page(`episode-${n}`));
    // The summary, cut short, then where the show notes are.
    expect(item.content).toMatch(new RegExp(`^Summary of episode ${n}, which goes on\\. More words here\\.`));
    expect(item.content!.endsWith(`Show notes: ${page(`episode-${n}`)}`)).toBe(true);
    expect(Buffer.byteLength(item.content!)).toBeLessThan(700);
  }
});
