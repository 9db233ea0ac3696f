import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { simpleParser } from "mailparser";
import { parse, parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { parseFeed } from "podcast-partytime";
import Parser from "rss-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { email } from "../src/cli/commands/email.ts";
import { formatProblem } from "../src/problems/problem.ts";
import { isLoaded, loadProject } from "../src/project/load-project.ts";
import { xmlSafeText } from "../src/text/xml-text.ts";
import { episodeArbitrary, episodeFile, type GeneratedBlock, type GeneratedEpisode, type GeneratedQuote } from "./support/arbitraries.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { FIXTURES, type CliResult } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";
import { asListmonk } from "./support/mail-services.ts";
import { parseStrictXml } from "./support/strict-xml.ts";

/**
 * Every generated episode goes into ONE project built once, by the build command's own module
 * in this process (a build per case would take hours), then each case's outputs are read back: the page (parse5), both
 * feeds (rss-parser, podcast-partytime), the chapters file, the MIME message and the text twin.
 * Each run draws a fresh seed, printed; on a failure the seed and the case are printed, and
 * fast-check replays that case alone, build by build, to shrink it.
 * Replay a run: CASTPRESS_PROPERTY_SEED=<seed> npx vitest run test/property-episodes.test.ts
 */
const SEED = Number(process.env.CASTPRESS_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES = Number(process.env.CASTPRESS_PROPERTY_CASES ?? 300);
const BASE_URL = "https://workflow.example.org";
/** The workflow fixture's site language: every translation is in it. */
const SITE_LANGUAGE = "en";
/** A file:line message as check prints it: `episodes/x.md:12: what — what to do`. */
const PROBLEM_LINE = /^(episodes\/[\w.-]+\.md|castpress\.yaml|people\.yaml):\d+: .+ — .+$/;

const arbitrary = episodeArbitrary({ forbidden: true });
const slugOf = (index: number): string => `case-${index}`;

/** What one reader got of one case: each field as a list of [where, what was read]. */
interface CaseOutputs {
  page: HtmlNode;
  feedItems: Record<"feed.xml" | "podcast.xml", FeedItem | undefined>;
  partytimeTitle: string | undefined;
  chapters: { title: string; startTime: number }[] | undefined;
  subject: string | undefined;
  textTwin: string;
}

interface FeedItem {
  title?: string;
  categories?: string[];
  "content:encoded"?: string;
}

let project: string;
let rejected: Map<number, string[]>;
let buildResult: CliResult;
let outputs: Map<number, CaseOutputs>;
let feeds: Map<string, string>;
let episodes: GeneratedEpisode[];

beforeAll(async () => {
  console.log(`property-episodes: ${CASES} episodes from seed ${SEED} (replay: CASTPRESS_PROPERTY_SEED=${SEED})`);
  // Each tag carries its case and place: tags that would share a page are refused
  // (test/reliability-inputs-collisions.test.ts), which would set aside most cases here.
  const ownTags = (episode: GeneratedEpisode, index: number) => episode.tags.map((tag, place) => `${tag} #${index}.${place}`);
  episodes = fc.sample(arbitrary, { seed: SEED, numRuns: CASES }).map((episode, index) => ({ ...episode, tags: ownTags(episode, index) }));
  project = await projectWith(episodes.map((episode, index) => [index, episode]));
  rejected = await rejectedCases(project);
  // The cases check rejects are set aside (each was checked for its message above); the rest build together.
  await Promise.all([...rejected.keys()].map((index) => rm(episodePath(project, index))));
  // The build reads each episode's text as check kept it (.cache/castpress/episodes/): what the
  // outputs are checked against below has been through that cache.
  buildResult = await buildWithMessages(project);
  const built = episodes.map((_, index) => index).filter((index) => !rejected.has(index));
  ({ feeds, outputs } = buildResult.code === 0 ? await readOutputs(path.join(project, "dist"), built) : { feeds: new Map(), outputs: new Map() });
}, 600_000);

describe(`generated episodes (${CASES}, seed ${SEED})`, () => {
  it("are mostly valid, so the outputs are what gets tested", () => {
    expect(rejected.size, [...rejected.values()].map((lines) => lines[0]).join("\n")).toBeLessThan(CASES / 10);
  });

  it("are either built, or refused by check with file:line messages only, never a stack trace", () => {
    for (const [index, lines] of rejected) {
      expect(lines.length, `case ${index}`).toBeGreaterThan(0);
      for (const line of lines) expect(line, `case ${index}: ${JSON.stringify(episodes[index])}`).toMatch(PROBLEM_LINE);
    }
    expect(buildResult.stderr.split("\n").filter((line) => line.trim() !== "" && !PROBLEM_LINE.test(line))).toEqual([]);
    expect(buildResult.code, buildResult.stderr).toBe(0);
  });

  it("cover every syntax variant among the episodes that built", () => {
    const variants = new Set<string>();
    for (const index of outputs.keys()) {
      const episode = episodes[index]!;
      variants.add(`front matter ${episode.yamlStyle}, ${episode.yamlQuotes} quotes`);
      for (const section of episode.sections) {
        if (section.stamp !== undefined) variants.add(`chapter stamp ${section.stampStyle}`);
        for (const block of section.blocks) {
          variants.add(block.kind === "prose" && block.footnote !== undefined ? "footnote" : block.kind);
          if (block.kind === "quote") variants.add(`quote with ${block.quote.colons} colons${block.quote.translation === undefined ? ", one language" : ""}`);
          if (block.kind === "timeline" && block.meetings.length > 1) variants.add("timeline of several meetings");
          if (block.kind === "timeline" && block.meetings.some((meeting) => meeting.quote)) variants.add("quote in a meeting");
          if (block.kind === "note" && block.quote) variants.add("quote in a note");
        }
      }
    }
    const styles = ["block", "flow-values", "flow-document"].flatMap((style) => [`front matter ${style}, double quotes`, `front matter ${style}, single quotes`]);
    const quotes = [3, 4, 5].flatMap((colons) => [`quote with ${colons} colons`, `quote with ${colons} colons, one language`]);
    const blocks = ["prose", "footnote", "timeline", "timeline of several meetings", "quote in a meeting", "note", "quote in a note", "reading"];
    expect([...variants].sort()).toEqual(expect.arrayContaining([...styles, ...quotes, ...blocks, "chapter stamp MM:SS", "chapter stamp H:MM:SS"]));
  });

  it("give both feeds as well-formed XML 1.0", async () => {
    for (const feed of ["feed.xml", "podcast.xml"]) {
      expect(feeds.has(feed)).toBe(true);
      expect(() => parseStrictXml(feeds.get(feed)!)).not.toThrow();
    }
  });

  it("read back every field as written (less what XML forbids) from the page, both feeds, the chapters, the email and its text twin", async () => {
    const failures = [...outputs].flatMap(([index, read]) => differences(episodes[index]!, read).map((difference) => ({ index, difference })));
    if (failures.length > 0) {
      const { index } = failures[0]!;
      console.error(`property-episodes: ${failures.length} failures; first is case ${index} of seed ${SEED}:\n${failures.slice(0, 5).map((f) => `  case ${f.index}: ${f.difference}`).join("\n")}`);
      await shrink(index);
    }
    expect(failures.map((failure) => `case ${failure.index}: ${failure.difference}`)).toEqual([]);
  }, 900_000);
});

/** Text as a reader sees it on screen: what XML forbids dropped, runs of white space one space. */
const shown = (text: string): string => xmlSafeText(text).replace(/\s+/gu, " ").trim();

/** What the author wrote, field by field, in the order the outputs show it. */
function expectedOf(episode: GeneratedEpisode) {
  const quotes: GeneratedQuote[] = [];
  const meetings: { date: string; with: string }[] = [];
  const footnotes: string[] = [];
  const walk = (block: GeneratedBlock): void => {
    if (block.kind === "quote") quotes.push(block.quote);
    if (block.kind === "prose" && block.footnote !== undefined) footnotes.push(block.footnote);
    if (block.kind === "note" && block.quote) quotes.push(block.quote);
    if (block.kind === "timeline") {
      for (const meeting of block.meetings) {
        meetings.push({ date: meeting.date, with: meeting.with });
        if (meeting.quote) quotes.push(meeting.quote);
      }
    }
  };
  for (const section of episode.sections) section.blocks.forEach(walk);
  return {
    quoteParts: quotes.flatMap((quote) => [
      { lang: quote.lang, text: shown(quote.original) },
      ...(quote.translation === undefined ? [] : [{ lang: SITE_LANGUAGE, text: shown(quote.translation) }]),
    ]),
    meetings: meetings.map((meeting) => ({ date: meeting.date, with: `With ${shown(meeting.with)}` })),
    natives: episode.people.filter((person) => shown(person.native) !== "").map((person) => ({ lang: person.lang, text: shown(person.native) })),
    chapters: episode.sections.filter((section) => section.stamp !== undefined).map((section) => ({ title: shown(section.heading), start: section.stamp! })),
    headings: episode.sections.map((section) => shown(section.heading)),
    tags: [...new Set(episode.tags.map((tag) => shown(tag)))],
    footnotes: footnotes.map(shown),
  };
}

/** Every way a reader's copy differs from what the author wrote. */
function differences(episode: GeneratedEpisode, read: CaseOutputs): string[] {
  const found: string[] = [];
  const compare = (where: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) found.push(`${where}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  };
  const expected = expectedOf(episode);
  const title = shown(episode.title);
  const { page } = read;

  compare("page <h1>", elements(page, (e) => e.tagName === "h1").map(text), [title]);
  compare("page subtitle", elements(page, hasClass("subtitle")).map(text), shown(episode.subtitle) === "" ? [] : [shown(episode.subtitle)]);
  compare("page tags", elements(page, hasClass("tag-list")).flatMap((list) => elements(list, (e) => e.tagName === "a")).map(text), expected.tags);
  compare("page quotes", elements(page, (e) => hasClass("quote-original")(e) || hasClass("quote-translation")(e)).map(langAndText), expected.quoteParts);
  compare("page meetings", elements(page, hasClass("meeting")).map((meeting) => ({ date: attribute(elements(meeting, (e) => e.tagName === "time")[0], "datetime"), with: text(elements(meeting, hasClass("meeting-with"))[0]) })), expected.meetings);
  compare("page native names", elements(page, hasClass("people-list")).flatMap((list) => elements(list, hasClass("person-native"))).map(langAndText), expected.natives);
  compare("page chapters", elements(page, hasClass("chapters")).flatMap((nav) => elements(nav, (e) => e.tagName === "a")).map((a) => ({ title: text(a), start: Number(attribute(a, "data-start")) })), expected.chapters);
  compare("page footnotes", elements(page, hasClass("footnotes")).flatMap((section) => elements(section, (e) => e.tagName === "li")).map((li) => text(li).replace(/ ?Back to the text$/, "")), expected.footnotes);
  compare("chapters.json", read.chapters?.map((chapter) => ({ title: shown(chapter.title), start: chapter.startTime })), expected.chapters.length === 0 ? undefined : expected.chapters);

  for (const [feed, item] of Object.entries(read.feedItems)) {
    compare(`${feed} title`, item?.title, xmlSafeText(episode.title).trim());
    compare(`${feed} categories`, (item?.categories ?? []).map(shown), expected.tags);
    const content = parseFragment(item?.["content:encoded"] ?? "");
    compare(`${feed} quotes`, elements(content, (e) => e.tagName === "blockquote").map(langAndText), expected.quoteParts);
    compare(`${feed} meeting dates`, elements(content, (e) => e.tagName === "h3").flatMap((h3) => elements(h3, (e) => e.tagName === "time")).map((time) => attribute(time, "datetime")), expected.meetings.map((meeting) => meeting.date));
    compare(`${feed} native names`, elements(content, hasClass("person-native")).flatMap((span) => elements(span, (e) => attribute(e, "lang") !== undefined)).map(langAndText), expected.natives);
  }
  // podcast-partytime runs he.decode over text the XML parser has already decoded, so an author's
  // literal "&amp;" comes back as "&": its reading is only comparable without "&". It also trims
  // with its own idea of white space (U+0085 too) and drops U+FEFF.
  if (!/&[#\w]/.test(title)) {
    const partytimeView = (value: string | undefined) => value?.replace(/\uFEFF/g, "").replace(/[\s\u0085]+/gu, " ").trim();
    compare("partytime podcast.xml title", partytimeView(read.partytimeTitle), partytimeView(xmlSafeText(episode.title)));
  }
  compare("email subject", shown(read.subject ?? ""), title);

  const twin = shown(read.textTwin);
  compare("text twin title", shown(textTwinTitle(read.textTwin) ?? ""), title);
  const inTwin = [
    ...(shown(episode.subtitle) === "" ? [] : [shown(episode.subtitle)]),
    ...expected.quoteParts.map((part) => part.text),
    ...expected.meetings.map((meeting) => meeting.with),
    ...expected.natives.map((native) => `(${native.text})`),
    ...expected.headings,
    ...expected.footnotes,
  ];
  // An issue too long for Gmail is cut, its text twin at the same place, and links to the rest on the web.
  const clipped = read.textTwin.includes("\nContinue reading on the web: ");
  if (!clipped) for (const wanted of inTwin) if (!twin.includes(wanted)) found.push(`text twin lacks ${JSON.stringify(wanted)}`);
  return found;
}

type HtmlNode = DefaultTreeAdapterMap["node"];
type HtmlElement = DefaultTreeAdapterMap["element"];

/** Every element below a node, in document order, that matches. */
function elements(node: HtmlNode, matches: (element: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const visit = (current: HtmlNode): void => {
    if ("tagName" in current && matches(current)) found.push(current);
    if ("childNodes" in current) current.childNodes.forEach(visit);
    if ("content" in current && current.content) visit(current.content as HtmlNode);
  };
  if ("childNodes" in node) node.childNodes.forEach(visit);
  return found;
}

const attribute = (element: HtmlElement | undefined, name: string): string | undefined => element?.attrs.find((attr) => attr.name === name)?.value;
const hasClass = (name: string) => (element: HtmlElement) => (attribute(element, "class") ?? "").split(/\s+/).includes(name);
/** An element's text as a browser shows it: white space collapsed. */
const text = (node: HtmlNode | undefined): string => (node ? shown(rawText(node)) : "");
const rawText = (node: HtmlNode): string =>
  node.nodeName === "#text" ? (node as DefaultTreeAdapterMap["textNode"]).value : "childNodes" in node ? node.childNodes.map(rawText).join("") : "";
const langAndText = (element: HtmlElement) => ({ lang: attribute(element, "lang"), text: text(element) });

function episodePath(root: string, index: number): string {
  return path.join(root, "episodes", `2025-01-16-${slugOf(index)}.md`);
}

/** A copy of the workflow fixture whose episodes are the generated ones, every one in full in both feeds. */
async function projectWith(cases: [number, GeneratedEpisode][]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "castpress-property-"));
  await cp(path.join(FIXTURES, "workflow"), root, { recursive: true });
  await rm(path.join(root, "episodes/2025-01-16-first-episode.md"));
  const config = await readFile(path.join(root, "castpress.yaml"), "utf8");
  await writeFile(path.join(root, "castpress.yaml"), `${config}feeds:\n  latest: ${CASES}\n  fullShowNotes: ${CASES}\n`);
  await Promise.all(cases.map(([index, episode]) => writeFile(episodePath(root, index), episodeFile(episode, `urn:castpress-property:${index}`))));
  return root;
}

/** `castpress check` in process: the cases it refuses, each with its messages as printed. */
async function rejectedCases(root: string): Promise<Map<number, string[]>> {
  const loaded = await loadProject(root);
  if (!isLoaded(loaded)) throw new Error(`the generated project did not load:\n${loaded.problems.map(formatProblem).join("\n")}`);
  const byCase = new Map<number, string[]>();
  for (const problem of loaded.problems.filter((p) => p.severity === "error")) {
    const index = Number(/case-(\d+)\.md$/.exec(problem.file)?.[1]);
    if (Number.isNaN(index)) throw new Error(`a problem outside the generated episodes: ${formatProblem(problem)}`);
    byCase.set(index, [...(byCase.get(index) ?? []), formatProblem(problem)]);
  }
  return byCase;
}

/**
 * The build, then the MIME messages, which are made on request (`castpress email --all`), not by
 * the build: both in process, the commands' own modules, their output captured as the CLI prints it.
 */
async function buildWithMessages(root: string): Promise<CliResult> {
  const built = await buildInProcess(root);
  if (built.code !== 0) return built;
  const emailed = await runInProcess(email, { root, all: true }, []);
  return { code: emailed.code, stdout: built.stdout + emailed.stdout, stderr: built.stderr + emailed.stderr };
}

/** The fixture's mail service (listmonk) fills its own links and runs the rest: what subscribers read. */
const asSent = (part: string): string => asListmonk(part, { UnsubscribeURL: "https://lists.example.net/u/1", ManageURL: "https://lists.example.net/m/1" });

/** Reads each case from every output: two feed parsers, the page, the chapters file, the MIME message and the text twin as listmonk sends them. */
async function readOutputs(dist: string, indexes: number[]): Promise<{ feeds: Map<string, string>; outputs: Map<number, CaseOutputs> }> {
  const feeds = new Map(await Promise.all(["feed.xml", "podcast.xml"].map(async (file) => [file, await readFile(path.join(dist, file), "utf8")] as const)));
  const rss = new Parser();
  const byLink = <Item extends { link?: string | undefined }>(items: Item[]) => new Map(items.map((item) => [item.link, item]));
  const partytime = byLink(parseFeed(feeds.get("podcast.xml")!)?.items ?? []);
  const podcastItems = byLink((await rss.parseString(feeds.get("podcast.xml")!)).items as (FeedItem & { link?: string })[]);
  const readerItems = byLink((await rss.parseString(feeds.get("feed.xml")!)).items as (FeedItem & { link?: string })[]);
  const read = new Map<number, CaseOutputs>();
  for (const index of indexes) {
    const slug = slugOf(index);
    const link = `${BASE_URL}/episodes/${slug}/`;
    const [page, eml, textTwin, chapters] = await Promise.all([
      readFile(path.join(dist, "episodes", slug, "index.html"), "utf8"),
      readFile(path.join(dist, "email", `${slug}.eml`)),
      readFile(path.join(dist, "email", `${slug}.txt`), "utf8"),
      readFile(path.join(dist, "episodes", slug, "chapters.json"), "utf8").then((json) => JSON.parse(json) as { chapters: CaseOutputs["chapters"] }, () => undefined),
    ]);
    read.set(index, {
      page: parse(page),
      feedItems: { "feed.xml": readerItems.get(link), "podcast.xml": podcastItems.get(link) },
      partytimeTitle: partytime.get(link)?.title,
      chapters: chapters?.chapters,
      subject: asSent((await simpleParser(eml)).subject ?? ""),
      textTwin: asSent(textTwin),
    });
  }
  return { feeds, outputs: read };
}

/** The text twin's title: the lines above its `====` underline, after the site's name. */
function textTwinTitle(text: string): string | undefined {
  const lines = text.split("\n");
  const start = lines.indexOf("") + 1;
  // The underline is at least three "=" and follows the title, which may itself be "=".
  const underline = lines.findIndex((line, index) => index > start && /^={3,}$/.test(line));
  if (underline < 0) return undefined;
  return lines.slice(start, underline).join("\n");
}

/** Replays one failing case on its own, build by build, so fast-check can shrink it and print the smallest input. */
async function shrink(index: number): Promise<void> {
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (episode) => {
      const root = await projectWith([[0, episode]]);
      const problems = await rejectedCases(root);
      if (problems.size > 0) return problems.get(0)!.every((line) => PROBLEM_LINE.test(line));
      const result = await buildWithMessages(root);
      if (result.code !== 0) return false;
      const [read] = (await readOutputs(path.join(root, "dist"), [0])).outputs.values();
      await rm(root, { recursive: true, force: true });
      return differences(episode, read!).length === 0;
    }),
    { seed: SEED, path: String(index), endOnFailure: false, interruptAfterTimeLimit: 150_000 },
  );
  console.error(fc.defaultReportMessage(details) ?? `case ${index} passed on its own`);
}
