import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { simpleParser } from "mailparser";
import { parseFeed } from "podcast-partytime";
import Parser from "rss-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { xmlSafeText } from "../src/text/xml-text.ts";
import { formatProblem } from "../src/problems/problem.ts";
import { isLoaded, loadProject } from "../src/project/load-project.ts";
import { episodeArbitrary, episodeFile, type GeneratedEpisode } from "./support/arbitraries.ts";
import { firstElementText } from "./support/html-text.ts";
import { castpress, FIXTURES } from "./support/castpress-cli.ts";
import { asListmonk } from "./support/mail-services.ts";
import { parseStrictXml } from "./support/strict-xml.ts";

/**
 * Every generated episode goes into ONE project built once with the real CLI (a build per
 * case would take hours), then each case's outputs are read back. On a failure the seed and
 * the case are printed, and fast-check replays that case alone, build by build, to shrink it.
 * Replay a run: CASTPRESS_PROPERTY_SEED=<seed> npx vitest run test/property-episodes.test.ts
 */
const SEED = Number(process.env.CASTPRESS_PROPERTY_SEED ?? 20250116);
const CASES = Number(process.env.CASTPRESS_PROPERTY_CASES ?? 1000);
const BASE_URL = "https://workflow.example.org";
/** A file:line message as check prints it: `episodes/x.md:12: what — what to do`. */
const PROBLEM_LINE = /^(episodes\/[\w.-]+\.md|castpress\.yaml|people\.yaml):\d+: .+ — .+$/;

const arbitrary = episodeArbitrary({ forbidden: true });
const slugOf = (index: number): string => `case-${index}`;

interface CaseOutputs {
  feedTitles: Record<"partytime podcast.xml" | "rss-parser podcast.xml" | "rss-parser feed.xml", string | undefined>;
  h1: string | undefined;
  subject: string | undefined;
  textTwinTitle: string | undefined;
}

let project: string;
let rejected: Map<number, string[]>;
let buildResult: { code: number; stdout: string; stderr: string };
let outputs: Map<number, CaseOutputs>;
let feeds: Map<string, string>;
let episodes: GeneratedEpisode[];

beforeAll(async () => {
  episodes = fc.sample(arbitrary, { seed: SEED, numRuns: CASES });
  console.log(`property-episodes: ${CASES} episodes from seed ${SEED}`);
  project = await projectWith(episodes.map((episode, index) => [index, episode]));
  rejected = await rejectedCases(project);
  // The cases check rejects are set aside (each was checked for its message above); the rest build together.
  await Promise.all([...rejected.keys()].map((index) => rm(episodePath(project, index))));
  buildResult = await buildWithMessages(project);
  const built = episodes.map((_, index) => index).filter((index) => !rejected.has(index));
  ({ feeds, outputs } = buildResult.code === 0 ? await readOutputs(path.join(project, "dist"), built) : { feeds: new Map(), outputs: new Map() });
}, 600_000);

describe(`${CASES} generated episodes (seed ${SEED})`, () => {
  it("are mostly valid, so the outputs are what gets tested", () => {
    expect(rejected.size).toBeLessThan(CASES / 10);
  });

  it("are either built, or refused by check with file:line messages only, never a stack trace", () => {
    for (const [index, lines] of rejected) {
      expect(lines.length, `case ${index}`).toBeGreaterThan(0);
      for (const line of lines) expect(line, `case ${index}: ${JSON.stringify(episodes[index])}`).toMatch(PROBLEM_LINE);
    }
    expect(buildResult.stderr.split("\n").filter((line) => line.trim() !== "" && !PROBLEM_LINE.test(line))).toEqual([]);
    expect(buildResult.code, buildResult.stderr).toBe(0);
  });

  it("give both feeds as well-formed XML 1.0", async () => {
    for (const feed of ["feed.xml", "podcast.xml"]) {
      expect(feeds.has(feed)).toBe(true);
      expect(() => parseStrictXml(feeds.get(feed)!)).not.toThrow();
    }
  });

  it("read back each title in both feeds, in every output, as written (less what XML forbids)", async () => {
    const failures = [...outputs].flatMap(([index, read]) => differences(episodes[index]!, read).map((difference) => ({ index, difference })));
    if (failures.length > 0) {
      const { index } = failures[0]!;
      console.error(`property-episodes: ${failures.length} failures; first is case ${index} of seed ${SEED}:\n${failures.slice(0, 5).map((f) => `  case ${f.index}: ${f.difference}`).join("\n")}`);
      await shrink(index);
    }
    expect(failures.map((failure) => `case ${failure.index}: ${failure.difference}`)).toEqual([]);
  }, 900_000);
});

/** What each reader gets as the title, compared with what the author wrote. */
function differences(episode: GeneratedEpisode, read: CaseOutputs): string[] {
  const inXml = xmlSafeText(episode.title).trim();
  const found: string[] = [];
  for (const [where, title] of Object.entries(read.feedTitles)) {
    if (where.startsWith("partytime")) {
      // podcast-partytime runs he.decode over text the XML parser has already decoded, so an
      // author's literal "&amp;" comes back as "&": its reading is only comparable without "&".
      if (/&[#\w]/.test(inXml)) continue;
      // It also trims with its own idea of white space (U+0085 too) and drops U+FEFF.
      const partytimeView = (text: string | undefined) => text?.replace(/\uFEFF/g, "").replace(/[\s\u0085]+/gu, " ").trim();
      if (partytimeView(title) !== partytimeView(inXml)) found.push(`${where} title ${JSON.stringify(title)} ≠ ${JSON.stringify(inXml)}`);
      continue;
    }
    if (title !== inXml) found.push(`${where} title ${JSON.stringify(title)} ≠ ${JSON.stringify(inXml)}`);
  }
  const seen = { "page <h1>": read.h1, "email subject": read.subject, "text twin": read.textTwinTitle };
  for (const [where, title] of Object.entries(seen)) {
    if (title === undefined || asShown(title) !== asShown(inXml)) found.push(`${where} ${JSON.stringify(title)} ≠ ${JSON.stringify(inXml)}`);
  }
  return found;
}

/** Text as a reader sees it on screen: runs of white space are one space. */
const asShown = (text: string): string => xmlSafeText(text).replace(/\s+/gu, " ").trim();

function episodePath(root: string, index: number): string {
  return path.join(root, "episodes", `2025-01-16-${slugOf(index)}.md`);
}

/** A copy of the workflow fixture whose episodes are the generated ones. */
async function projectWith(cases: [number, GeneratedEpisode][]): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "castpress-property-"));
  await cp(path.join(FIXTURES, "workflow"), root, { recursive: true });
  await rm(path.join(root, "episodes/2025-01-16-first-episode.md"));
  // Every generated episode is read back from both feeds, so they carry them all in full.
  await appendFile(path.join(root, "castpress.yaml"), "feeds:\n  latest: 100000\n  fullShowNotes: 100000\n");
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

/** The build, then the MIME messages, which are made on request (`castpress email`), not by the build. */
async function buildWithMessages(root: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const built = await castpress(["build"], { cwd: root });
  if (built.code !== 0) return built;
  const emailed = await castpress(["email", "--all"], { cwd: root });
  return { code: emailed.code, stdout: built.stdout + emailed.stdout, stderr: built.stderr + emailed.stderr };
}

/** The fixture's mail service (listmonk) fills its own links and runs the rest: what subscribers read. */
const asSent = (part: string): string => asListmonk(part, { UnsubscribeURL: "https://lists.example.net/u/1", ManageURL: "https://lists.example.net/m/1" });

/** Reads each case's title from every output: two feed parsers, the page, the MIME message and the text twin as listmonk sends them. */
async function readOutputs(dist: string, indexes: number[]): Promise<{ feeds: Map<string, string>; outputs: Map<number, CaseOutputs> }> {
  const feeds = new Map(await Promise.all(["feed.xml", "podcast.xml"].map(async (file) => [file, await readFile(path.join(dist, file), "utf8")] as const)));
  const readOutput = (file: string): string => feeds.get(file)!;
  const rss = new Parser();
  const titlesByLink = (items: { link?: string | undefined; title?: string | undefined }[]) => new Map(items.map((item) => [item.link, item.title]));
  const partytime = titlesByLink(parseFeed(readOutput("podcast.xml"))?.items ?? []);
  const rssPodcast = titlesByLink((await rss.parseString(readOutput("podcast.xml"))).items);
  const rssReader = titlesByLink((await rss.parseString(readOutput("feed.xml"))).items);
  const read = new Map<number, CaseOutputs>();
  for (const index of indexes) {
    const slug = slugOf(index);
    const link = `${BASE_URL}/episodes/${slug}/`;
    const [page, eml, text] = await Promise.all([
      readFile(path.join(dist, "episodes", slug, "index.html"), "utf8"),
      readFile(path.join(dist, "email", `${slug}.eml`)),
      readFile(path.join(dist, "email", `${slug}.txt`), "utf8"),
    ]);
    read.set(index, {
      feedTitles: { "partytime podcast.xml": partytime.get(link), "rss-parser podcast.xml": rssPodcast.get(link), "rss-parser feed.xml": rssReader.get(link) },
      h1: firstElementText(page, "h1"),
      subject: asSent((await simpleParser(eml)).subject ?? ""),
      textTwinTitle: textTwinTitle(asSent(text)),
    });
  }
  return { feeds, outputs: read };
}

/** The text twin's title: the lines above its `====` underline, after the site's name. */
function textTwinTitle(text: string): string | undefined {
  const lines = text.split("\n");
  const underline = lines.findIndex((line) => /^=+$/.test(line));
  if (underline < 0) return undefined;
  const start = lines.indexOf("") + 1;
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
