import path from "node:path";
import matter from "gray-matter";
import { DateTime } from "luxon";
import type { MarkdownIt } from "markdown-it";
import { v5 as uuidv5 } from "uuid";
import type { SiteConfig } from "../config/site-config.ts";
import { peopleByName, validPeople, type LocatedPerson } from "./people-directory.ts";
import { episodePage } from "../paths/output-paths.ts";
import { withOwnStrings } from "../text/own-strings.ts";
import { xmlSafeText } from "../text/xml-text.ts";
import { languagesInUse } from "../language/site-languages.ts";
import { ProblemList, type Problem } from "../problems/problem.ts";
import { parseCheckedYaml } from "../yaml/checked-yaml.ts";
import { buildBody } from "./body.ts";
import type { Chapter, Episode, Footnote, Person, Section } from "./episode.ts";
import { frontMatterSchema, type FrontMatter, type LocatedTag } from "./front-matter.ts";
import type { MarkdownEnv } from "./markdown.ts";
import { resolveAudio, resolveImage } from "./media.ts";
import { checkNestingDepth } from "./nesting-depth.ts";
import { LinkList } from "./plain-text.ts";

/** Episodes without a `guid` get one derived from their slug, which a new title does not change. */
const EPISODE_GUID_NAMESPACE = "7b1e3c52-52c3-4c36-9d4e-2f5a3c0b6a11";

export const EPISODE_FILE_NAME = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

export interface ParseContext {
  /** The project folder (real path). */
  root: string;
  site: SiteConfig;
  /** The site-wide people directory. */
  people: ReadonlyMap<string, Person>;
  md: MarkdownIt;
  /** What counts as the future, for scheduled episodes. */
  now: Date;
}

/** What parsing one file gives: its Episode when it has no errors, and its problems either way. */
export interface ParsedFile {
  episode?: Episode;
  problems: ProblemList;
  /** The people its front matter lists, with their lines. */
  ownPeople: LocatedPerson[];
  /** The tags its front matter lists, with their lines. */
  ownTags: LocatedTag[];
}

/**
 * What an episode's text says, read before the files it names are looked at: plain data that
 * depends only on the text, the config and the people directory, so that it can be kept
 * between builds (episode-text-cache.ts). completeEpisode makes it an Episode.
 */
export interface EpisodeText {
  /** Path relative to the project root. */
  file: string;
  slug: string;
  /** Every problem of the text, in the order found. */
  problems: Problem[];
  ownPeople: LocatedPerson[];
  ownTags: LocatedTag[];
  /** The front matter, when all of it is right. */
  front?: FrontMatter;
  /** The audio and image the front matter names, with their lines, even when other keys are wrong. */
  audio?: { ref: NonNullable<FrontMatter["audio"]>; line: number };
  image?: { ref: string; line: number };
  /** The publication instant (milliseconds) and its day in the site's time zone. */
  date?: { time: number; day: string };
  sections: Section[];
  footnotes: Footnote[];
  links: string[];
  /** Everyone the text mentions, in order of first mention. */
  mentioned: Person[];
  /** The line of each top-level `##` heading, which is where a chapter's problems are reported. */
  headingLines: number[];
}

/** Parses one episode file into an Episode, or reports every problem it has. */
export async function parseEpisode(sourcePath: string, source: string, context: ParseContext): Promise<ParsedFile> {
  return completeEpisode(readEpisodeText(sourcePath, source, context), context);
}

/** Everything parseEpisode checks that the text alone decides. */
export function readEpisodeText(sourcePath: string, source: string, context: Omit<ParseContext, "now">): EpisodeText {
  const file = path.relative(context.root, sourcePath).split(path.sep).join("/");
  const problems = new ProblemList(file);
  const name = EPISODE_FILE_NAME.exec(path.basename(sourcePath));
  if (!name) {
    problems.error(1, "the file name is not YYYY-MM-DD-slug.md", "rename it, e.g. 2025-01-16-my-episode.md (lowercase letters, digits and hyphens); start it with _ to keep it out");
  }
  const slug = name?.[2] ?? path.basename(sourcePath, ".md");
  const empty = { file, slug, ownPeople: [], ownTags: [], sections: [], footnotes: [], links: [], mentioned: [], headingLines: [] };

  if (!/^---\r?\n/.test(source)) {
    problems.error(1, "the episode has no front matter", "start the file with a --- line, the title and date, and another --- line");
    return { ...empty, problems: problems.items };
  }
  let frontMatterText = "";
  const split = matter(source, {
    // gray-matter only splits here; the YAML is parsed with line numbers below.
    engines: { yaml: (text: string) => ((frontMatterText = text), {}) },
  });
  const bodyFirstLine = source.slice(0, source.length - split.content.length).split("\n").length;
  const { data: front, partial, raw, lineOf } = parseCheckedYaml(frontMatterText, frontMatterSchema, problems, 1); // gray-matter's text starts with the newline after the opening ---, so its line 1 is the file's.
  // With a mistake in the front matter, the keys that are right are still checked further.
  const fields: Partial<FrontMatter> = front ?? partial ?? {};
  const ownPeople = validPeople((raw as { people?: unknown } | null | undefined)?.people, (index) => lineOf(["people", index]));
  const people = peopleByName(ownPeople, problems, new Map(context.people));
  const ownTags = (fields.tags ?? []).map((name, index) => ({ name, line: lineOf(["tags", index]) }));

  const md = context.md;
  const env: MarkdownEnv = { people, problems, firstLine: bodyFirstLine, mentioned: [], baseUrl: context.site.baseUrl };
  // Control characters pasted into the body are dropped, as in the front matter (checked-yaml.ts).
  const tokens = md.parse(xmlSafeText(split.content), env);
  checkNestingDepth(tokens, bodyFirstLine, problems);
  const links = new LinkList(context.site.baseUrl);
  let inUse: string[] | undefined;
  const { sections, footnotes } = buildBody(tokens, {
    md,
    env,
    problems,
    firstLine: bodyFirstLine,
    language: context.site.language,
    languagesInUse: () => (inUse ??= languagesInUse(people.values())),
    links,
  });
  const date = fields.date === undefined ? undefined : parseEpisodeDate(fields.date, context.site.timeZone);
  if (fields.date !== undefined && !date) reportBadDate(fields.date, lineOf(["date"]), context.site.timeZone, problems);
  // The day as written (in its own offset) or in the site's zone: either may be the file's.
  const writtenDay = fields.date?.slice(0, 10);
  if (date && name && date.toISODate() !== name[1] && writtenDay !== name[1]) {
    problems.warning(
      lineOf(["date"]),
      `the file name is dated ${name[1]} but the episode's date is ${writtenDay}`,
      `rename the file to ${writtenDay}-${slug}.md (its URL stays /episodes/${slug}/), or fix the date`,
    );
  }
  const headingLines = tokens
    .filter((token) => token.type === "heading_open" && token.tag === "h2" && token.level === 0)
    .map((token) => bodyFirstLine + (token.map?.[0] ?? 0));
  // Kept for the whole build: without this, every value cut out of the file keeps the whole
  // file alive. A text read back from the cache has strings of its own already (JSON.parse).
  return withOwnStrings({
    ...empty,
    problems: problems.items,
    ownPeople,
    ownTags,
    ...(front && { front }),
    ...(fields.audio && { audio: { ref: fields.audio, line: lineOf(["audio", "src"]) } }),
    ...(fields.image && { image: { ref: fields.image, line: lineOf(["image"]) } }),
    ...(date && { date: { time: date.toMillis(), day: date.toISODate()! } }),
    sections,
    footnotes,
    links: links.urls,
    mentioned: env.mentioned,
    headingLines,
  });
}

/** The Episode of a text, once the audio and image it names are found and checked. */
export async function completeEpisode(text: EpisodeText, context: ParseContext): Promise<ParsedFile> {
  const { file, slug, front, date, sections, ownPeople, ownTags } = text;
  const problems = new ProblemList(file);
  problems.items.push(...text.problems);
  const sourcePath = path.join(context.root, file);
  const fromDir = path.dirname(sourcePath);
  const audio = text.audio && (await resolveAudio(text.audio.ref, text.audio.line, fromDir, context.root, problems, episodePage(slug)));
  const image = text.image ? await resolveImage(text.image, fromDir, context.root, problems) : undefined;
  const chapters = chaptersOf(sections, text.audio ? audio?.duration : null, text.headingLines, problems);
  problems.items.sort((a, b) => a.line - b.line);

  if (!front || !date || problems.items.some((problem) => problem.severity === "error")) return { problems, ownPeople, ownTags };
  const episode: Episode = {
    file,
    slug,
    title: front.title,
    ...(front.subtitle !== undefined && { subtitle: front.subtitle.trim() }),
    ...(front.summary !== undefined && { summary: front.summary.trim() }),
    date: new Date(date.time),
    dateText: date.day,
    guid: front.guid ?? uuidv5(slug, EPISODE_GUID_NAMESPACE),
    tags: [...new Set(front.tags)],
    ...(front.episode !== undefined && { episodeNumber: front.episode }),
    ...(front.season !== undefined && { season: front.season }),
    episodeType: front.episodeType,
    explicit: front.explicit ?? context.site.explicit,
    draft: front.draft,
    scheduled: date.time > context.now.getTime(),
    ...(image && { image: { ...image, alt: front.title } }),
    ...(audio && { audio: { ...audio, alt: front.title } }),
    sections,
    chapters,
    people: text.mentioned,
    footnotes: text.footnotes,
    links: text.links,
  };
  return { episode, problems, ownPeople, ownTags };
}

/** A date that does not parse: a time without its offset is told what to add, anything else how to write a date. */
function reportBadDate(text: string, line: number, timeZone: string, problems: ProblemList): void {
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? DateTime.fromISO(text, { zone: timeZone }) : undefined;
  if (local?.isValid) {
    // The site zone's offset at that moment is the likeliest one; "Z" would be UTC.
    const offset = local.toFormat("ZZ");
    problems.error(line, `the date "${text}" has a time but no offset, so it could be any of 24 moments`, `add an offset such as ${offset}: ${text}${offset} (or Z for UTC)`);
    return;
  }
  problems.error(line, `the date "${text}" is not a real date`, "write a real date as YYYY-MM-DD, or ISO 8601 with an offset: 2025-01-16T09:00:00+09:00");
}

/** `YYYY-MM-DD` is midnight in the site's time zone; ISO 8601 needs its own offset. */
export function parseEpisodeDate(text: string, timeZone: string): DateTime | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text);
  if (!dateOnly && !withOffset) return undefined;
  const date = dateOnly ? DateTime.fromISO(text, { zone: timeZone }) : DateTime.fromISO(text, { setZone: true }).setZone(timeZone);
  return date.isValid ? date : undefined;
}

/**
 * The chapters of the stamped section headings. `duration` is the audio's (undefined when it
 * could not be read); null for an episode without audio, which has no chapters to publish.
 */
function chaptersOf(
  sections: Episode["sections"],
  duration: number | undefined | null,
  headingLines: number[],
  problems: ProblemList,
): Chapter[] {
  const chapters: Chapter[] = [];
  sections
    .filter((section) => section.title !== "" || section.id !== "")
    .forEach((section, index) => {
      if (section.start === undefined) return;
      const line = headingLines[index] ?? 1;
      const previous = chapters.at(-1);
      if (previous && section.start <= previous.start) {
        problems.error(line, `the chapter "${section.title}" starts no later than the one before it`, "chapter stamps must increase down the episode");
      }
      if (typeof duration === "number" && section.start >= duration) {
        problems.error(line, `the chapter "${section.title}" starts at ${section.start} s, past the audio's end (${Math.round(duration)} s)`, "fix the stamp, or the audio file");
      }
      chapters.push({ title: section.title, start: section.start, id: section.id });
    });
  if (duration === null && chapters.length > 0) {
    const line = headingLines[sections.filter((section) => section.title !== "" || section.id !== "").findIndex((section) => section.start !== undefined)] ?? 1;
    problems.warning(line, "this episode has chapter stamps but no audio, so it has no chapters", "add the audio to the front matter (audio: src: ...), or remove the [MM:SS] stamps");
    return [];
  }
  return chapters;
}
