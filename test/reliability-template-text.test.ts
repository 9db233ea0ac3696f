import { readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { parseFeed } from "podcast-partytime";
import Parser from "rss-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { email } from "../src/cli/commands/email.ts";
import { buildFixture } from "./support/build-in-process.ts";
import { runInProcess } from "./support/command-in-process.ts";
import { firstElementText, htmlFragmentText, htmlText } from "./support/html-text.ts";
import { asListmonk } from "./support/mail-services.ts";

/**
 * The author writes Nunjucks syntax and mail services' merge tags as text
 * (test/fixtures/reliability-template-text/episodes/2025-01-16-literal.md); no template may
 * evaluate them: each appears, as written, in every output.
 */
const TITLE = 'Say {{ 7*7 }}, {% include "x" %}, {{ UnsubscribeURL }}, *|UNSUB|* and %recipient.unsubscribe_url%';
const SUBTITLE = 'Subtitle {{ 7*7 }} {% include "x" %} {{ UnsubscribeURL }} *|UNSUB|* %recipient.unsubscribe_url%';
const BODY = [
  'Prose {{ 7*7 }} {% include "x" %} {{ UnsubscribeURL }} *|UNSUB|* %recipient.unsubscribe_url% {{ "x" | safe }} {%- if true %}.',
  'Quote {{ 7*7 }} {% include "x" %} {{ UnsubscribeURL }} *|UNSUB|* %recipient.unsubscribe_url%',
  'Note {{ 7*7 }} {% include "x" %} {{ UnsubscribeURL }} *|UNSUB|* %recipient.unsubscribe_url%',
  'Reading {{ 7*7 }} {% include "x" %} *|UNSUB|*',
  "Background {{ 7*7 }}",
  "Speaker {{ 7*7 }}",
  'Role {{ 7*7 }} {% include "x" %} *|UNSUB|*',
];
/** What the texts would read as, had a template evaluated them. */
const EVALUATED = /\b(Say|Prose|Quote|Note|Reading|Background|Speaker|Role|Subtitle) 49\b/;
const LINK = "https://template.example.org/episodes/literal/";

let project: string;
let dist: string;
const read = (file: string) => readFile(path.join(dist, file), "utf8");

beforeAll(async () => {
  ({ project, dist } = await buildFixture("reliability-template-text"));
}, 120_000);

describe("template syntax and merge tags an author writes", () => {
  it("appear as written on the episode page", async () => {
    const page = await read("episodes/literal/index.html");
    expect(firstElementText(page, "h1")).toBe(TITLE);
    expect(firstElementText(page, "title")).toContain(TITLE);
    const text = htmlText(page);
    for (const literal of [SUBTITLE, ...BODY]) expect(text).toContain(literal);
    expect(text).not.toMatch(EVALUATED);
  });

  it("appear as written in feed.xml and podcast.xml, through both feed parsers", async () => {
    const reader = (await new Parser().parseString(await read("feed.xml"))).items.find((item) => item.link === LINK)!;
    expect(reader.title).toBe(TITLE);
    const content = htmlFragmentText(reader["content:encoded"] ?? reader.content ?? "");
    for (const literal of BODY.slice(0, 4)) expect(content).toContain(literal);
    expect(content).not.toMatch(EVALUATED);

    const podcastXml = await read("podcast.xml");
    const podcast = (await new Parser().parseString(podcastXml)).items.find((item) => item.link === LINK)!;
    expect(podcast.title).toBe(TITLE);
    expect(parseFeed(podcastXml)!.items.find((item) => item.link === LINK)!.title).toBe(TITLE);
    expect(htmlFragmentText(podcast.content ?? "")).not.toMatch(EVALUATED);
  });

  // The fixture's service is listmonk, which runs every part of an issue as a Go template: what
  // its subscribers read is each part after listmonk has processed it (test/email/ covers every service).
  it("appear as written in the email, once listmonk has processed it: HTML, text twin and MIME message", async () => {
    const links = { UnsubscribeURL: "https://lists.example.net/u/1", ManageURL: "https://lists.example.net/m/1" };
    expect((await runInProcess(email, { root: project }, ["literal"])).code).toBe(0);
    const html = htmlText(asListmonk(await read("email/literal.html"), links));
    const text = asListmonk(await read("email/literal.txt"), links);
    const message = await simpleParser(await readFile(path.join(dist, "email/literal.eml")));
    expect(asListmonk(message.subject ?? "", links)).toBe(TITLE);
    expect(text.split("\n")).toContain(TITLE);
    for (const [where, output] of [["html", html], ["txt", text], ["eml text", asListmonk(message.text ?? "", links)], ["eml html", htmlText(asListmonk(String(message.html), links))]] as const) {
      expect(output, where).toContain(TITLE);
      for (const literal of [SUBTITLE, ...BODY.slice(0, 3)]) expect(output, where).toContain(literal);
      expect(output, where).not.toMatch(EVALUATED);
    }
  });
});
