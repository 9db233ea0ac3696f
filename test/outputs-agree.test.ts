import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import Parser from "rss-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/build/build.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { htmlFragmentText, htmlText } from "./support/html-text.ts";

/**
 * One project (test/fixtures/outputs-agree) built once, and every output an episode reaches
 * read back as its reader gets it: the page (what a browser shows, its meta tags and JSON-LD),
 * feed.xml and podcast.xml (through rss-parser), the email and its text twin. They must agree
 * on what the episode is about, who said each quote, and how a date reads.
 */

// From the fixture's front matter (docs/episode-format.md: `summary` is the description, else `subtitle`).
const DESCRIPTIONS = {
  summary: "The summary is the description: it leads the feed item, the page's meta tags and its JSON-LD.",
  "no-subtitle": "First sentence of the summary. Second sentence of the summary.",
  // Neither summary nor subtitle: the body stands in (README, Decisions).
  "body-only": "The body stands in for the description. It is short.",
} as const;
type Slug = keyof typeof DESCRIPTIONS;

const ROLE_ONLY = "Spokesperson of the Foreign Ministry";
const FULL_ATTRIBUTION = ["Wang Huning", "Chairman of the CPPCC", "Xinhua"];
// castpress.yaml: language en. Dates as a reader of English reads them, by the platform's own formatter.
const readable = (day: string) => new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
const QUOTE_DATE = readable("2025-01-14");
const MEETING_DATE = readable("2025-01-13");
const EPISODE_DATE = readable("2025-03-04");

type FeedItem = Parser.Item & { "content:encoded": string };
interface Outputs {
  page: string;
  readerFeedItem: FeedItem;
  podcastFeedItem: FeedItem;
  emailHtml: string;
  emailText: string;
}
const outputs = {} as Record<Slug, Outputs>;

beforeAll(async () => {
  const project = await copyFixture("outputs-agree");
  const dist = path.join(project, "dist");
  await buildSite({ root: project });
  const read = (file: string) => readFile(path.join(dist, file), "utf8");
  const parser = new Parser<Record<string, unknown>, FeedItem>();
  const [readerFeed, podcastFeed] = await Promise.all([read("feed.xml").then((xml) => parser.parseString(xml)), read("podcast.xml").then((xml) => parser.parseString(xml))]);
  for (const slug of Object.keys(DESCRIPTIONS) as Slug[]) {
    const link = `https://agree.example.org/episodes/${slug}/`;
    outputs[slug] = {
      page: await read(`episodes/${slug}/index.html`),
      readerFeedItem: readerFeed.items.find((item) => item.link === link)!,
      podcastFeedItem: podcastFeed.items.find((item) => item.link === link)!,
      emailHtml: await read(`email/${slug}.html`),
      emailText: await read(`email/${slug}.txt`),
    };
  }
}, 120_000);

describe("every output of one episode", () => {
  it.each(Object.keys(DESCRIPTIONS) as Slug[])("describes %s alike: page meta tags, JSON-LD, both feeds", (slug) => {
    const { page, readerFeedItem, podcastFeedItem } = outputs[slug];
    const expected = DESCRIPTIONS[slug];
    const document = parse(page);
    expect(metaContent(document, "name", "description")).toBe(expected);
    expect(metaContent(document, "property", "og:description")).toBe(expected);
    expect(metaContent(document, "name", "twitter:description")).toBe(expected);
    expect(jsonLd(document).description).toBe(expected);
    expect(readerFeedItem.content).toBe(expected);
    // Episodes without audio are in feed.xml only.
    if (slug !== "body-only") expect(podcastFeedItem.content).toBe(expected);
  });

  it("opens the email with the subtitle, else the description's first sentence", () => {
    expect(preheader(outputs.summary.emailHtml)).toBe("A subtitle that is not the description");
    expect(preheader(outputs["no-subtitle"].emailHtml)).toBe("First sentence of the summary.");
  });

  it("attributes a quote alike everywhere, a quote with only a role included", () => {
    const shown = readerText(outputs.summary);
    for (const [output, text] of Object.entries(shown)) {
      for (const part of [ROLE_ONLY, ...FULL_ATTRIBUTION]) expect(text, `${output} shows "${part}"`).toContain(part);
      // Speaker, role, source, date: in the same order everywhere.
      const positions = [...FULL_ATTRIBUTION, QUOTE_DATE].map((part) => text.indexOf(part, text.indexOf("A quote with every attribution")));
      expect(positions, `${output}: the attribution's order`).toEqual([...positions].sort((x, y) => x - y));
    }
  });

  it("reads every date as a calendar date, never as YYYY-MM-DD", () => {
    const shown = readerText(outputs.summary);
    for (const [output, text] of Object.entries(shown)) {
      expect(text, `${output}: the quote's date`).toContain(QUOTE_DATE);
      expect(text, `${output}: the meeting's date`).toContain(MEETING_DATE);
      expect(text, `${output}: no date as written in the Markdown`).not.toMatch(/\b2025-0[13]-\d\d\b/);
    }
    // The feeds date an episode in pubDate, for machines; the reader-facing outputs say it alike.
    for (const output of ["page", "email", "text twin"]) expect(shown[output], output).toContain(EPISODE_DATE);
  });
});

/** What a reader of each output reads of the episode's body: the page, both feeds' full text, the email and its twin. */
function readerText({ page, readerFeedItem, podcastFeedItem, emailHtml, emailText }: Outputs): Record<string, string> {
  return {
    page: htmlText(page),
    "feed.xml": htmlFragmentText(readerFeedItem["content:encoded"]),
    "podcast.xml": htmlFragmentText(podcastFeedItem["content:encoded"]),
    email: htmlText(emailHtml),
    "text twin": emailText,
  };
}

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

function elements(node: Node): Element[] {
  const children = "childNodes" in node ? node.childNodes.flatMap(elements) : [];
  return "tagName" in node ? [node as Element, ...children] : children;
}

const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value;

function metaContent(document: Node, key: "name" | "property", value: string): string | undefined {
  const meta = elements(document).find((element) => element.tagName === "meta" && attribute(element, key) === value);
  return meta && attribute(meta, "content");
}

function jsonLd(document: Node): Record<string, unknown> {
  const script = elements(document).find((element) => element.tagName === "script" && attribute(element, "type") === "application/ld+json")!;
  return JSON.parse((script.childNodes[0] as DefaultTreeAdapterMap["textNode"]).value);
}

/** The hidden preview text at the top of the email's body, up to the padding that follows it. */
function preheader(html: string): string {
  const body = elements(parse(html)).find((element) => element.tagName === "body")!;
  const hidden = elements(body).find((element) => element.tagName === "div" && /display:\s*none/.test(attribute(element, "style") ?? ""))!;
  return htmlFragmentText(hidden.childNodes.map((node) => ("value" in node ? node.value : "")).join("")).replace(/[\u200C\u00A0]+$/, "");
}
