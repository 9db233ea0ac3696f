import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { fewAtOnce } from "../files/few-at-once.ts";
import { loadPeopleDirectory } from "../episode/people-directory.ts";
import { loadSiteConfig, type SiteConfig } from "../config/site-config.ts";
import type { Episode, Media, Person } from "../episode/episode.ts";
import { createMarkdown } from "../episode/markdown.ts";
import { completeEpisode, readEpisodeText, type ParseContext, type ParsedFile } from "../episode/parse-episode.ts";
import { EpisodeTextCache } from "./episode-text-cache.ts";
import { isOutside, resolveImage } from "../episode/media.ts";
import { checkArtForAudio, checkArtIsOwn, checkPodcastArt } from "./podcast-art.ts";
import { personPage, personSlug, tagPage, tagSlug } from "../paths/output-paths.ts";
import { CONFIG_FILES, EPISODES_DIR, SITE_CONFIG_FILE } from "../paths/project-files.ts";
import { inReadingOrder, ProblemList, type Problem } from "../problems/problem.ts";
import { readAuthorFile } from "../yaml/author-file.ts";
import { checkTemplateOverrides } from "./template-overrides.ts";

export interface LoadOptions {
  /** Include drafts and scheduled episodes (a private preview). */
  drafts?: boolean;
  /** What counts as the future; buildTime() by default. */
  now?: Date;
  /**
   * What an earlier load read, reused and updated: serve keeps one while only episode files
   * change, and starts a new one when the config, the people directory, a template or a
   * media file changes. Renderers rely on an unchanged file keeping its Episode object.
   */
  cache?: LoadCache;
}

export interface LoadCache {
  /** The config, the people directory and the site's own media, as checked. */
  settings?: ProjectSettings;
  /** What parsing each episode file gave, and the file's version (times and size) then. */
  files: Map<string, { version: string; parsed: ParsedFile }>;
}

type ProjectSettings = Awaited<ReturnType<typeof loadSettings>>;

/** What counts as now for scheduled episodes: the clock, unless CASTPRESS_NOW pins it (tests, previews). */
export const buildTime = (): Date => (process.env.CASTPRESS_NOW ? new Date(process.env.CASTPRESS_NOW) : new Date());

export interface Project {
  root: string;
  site: SiteConfig;
  people: ReadonlyMap<string, Person>;
  /** Every episode that parsed, newest first, drafts and scheduled ones included. */
  allEpisodes: Episode[];
  /** The episodes to publish, newest first. */
  episodes: Episode[];
  /** The podcast's art and the email's logo, from the config. */
  art?: Media;
  logo?: Media;
  /** Every problem in every file, errors and warnings. */
  problems: Problem[];
}

/** Episodes read and parsed at once: enough to keep the disk busy while the others are parsed. */
const PARSES_AT_ONCE = 16;

/** Reads the config, the people directory and every episode, checking all of them. */
export async function loadProject(projectDir: string, options: LoadOptions = {}): Promise<Project | { problems: Problem[] }> {
  const root = await realpath(projectDir);
  const settings = options.cache?.settings ?? (await loadSettings(root));
  if (options.cache) options.cache.settings = settings;
  const { config, site, people } = settings;
  const problems: Problem[] = [...settings.problems];

  const context = { root, site, people, md: createMarkdown(), now: options.now ?? buildTime() };
  const { files, refused } = await episodeFiles(root);
  problems.push(...refused);
  const texts = await EpisodeTextCache.open(root, site, people);
  // A parse holds its file's Markdown tokens while it waits for its audio and images: all the
  // files parsed at once held every file's tokens together, the largest part of a build's peak.
  const results = await fewAtOnce(files, PARSES_AT_ONCE, (file) => parseOrReuse(file, context, texts, options.cache?.files));
  await texts.finish();
  if (options.cache) {
    const current = new Set(files);
    for (const file of options.cache.files.keys()) if (!current.has(file)) options.cache.files.delete(file);
  }
  const allEpisodes: Episode[] = [];
  for (const result of results) {
    problems.push(...result.problems.items);
    if (result.episode) allEpisodes.push(result.episode);
  }
  problems.push(...duplicateSlugs(files, root), ...peopleSharingAPage(results, people), ...tagsSharingAPage(results), ...checkArtForAudio(site, allEpisodes, settings.imageLine));
  allEpisodes.sort((a, b) => b.date.getTime() - a.date.getTime() || a.slug.localeCompare(b.slug));
  const episodes = options.drafts ? allEpisodes : allEpisodes.filter((episode) => !episode.draft && !episode.scheduled);
  // A config with mistakes still let every episode be checked, but nothing may be built from it.
  if (!config) return { problems: inReadingOrder(problems, CONFIG_FILES) };
  const { art, logo } = settings;
  return { root, site, people, allEpisodes, episodes, problems: inReadingOrder(problems, CONFIG_FILES), ...(art && { art }), ...(logo && { logo }) };
}

/** The config, the people directory, and the podcast art and email logo the config names. */
async function loadSettings(root: string) {
  const [{ config, checkWith: site, problems: configProblems, lineOf: configLineOf }, { people, problems: peopleProblems }] = await Promise.all([
    loadSiteConfig(root),
    loadPeopleDirectory(root),
  ]);
  const siteMedia = new ProblemList(SITE_CONFIG_FILE);
  const [art, logo] = await Promise.all(
    ([[site.image, ["image"]], [site.email?.logo, ["email", "logo"]]] as const).map(([ref, key]) =>
      ref ? resolveImage({ ref, line: configLineOf([...key]) }, root, root, siteMedia) : undefined,
    ),
  );
  const imageLine = configLineOf(["image"]);
  const artProblems = [...(await checkPodcastArt(site, art, imageLine)), ...(await checkArtIsOwn(site, art, imageLine))];
  const problems = [...configProblems.items, ...peopleProblems.items, ...siteMedia.items, ...artProblems, ...(await checkTemplateOverrides(root))];
  return { config, site, people, art, logo, problems, imageLine };
}

async function parseOrReuse(file: string, context: ParseContext, texts: EpisodeTextCache, parsed: LoadCache["files"] | undefined): Promise<ParsedFile> {
  if (!parsed) return readAndParse(file, context, texts);
  // A write changes the file's ctime, even one that keeps its size and mtime.
  const { mtimeMs, ctimeMs, size } = await stat(file);
  const version = `${mtimeMs}:${ctimeMs}:${size}`;
  const earlier = parsed.get(file);
  // An episode due since the earlier parse is no longer scheduled.
  const stillDue = (episode: Episode | undefined) => !episode || episode.scheduled === episode.date > context.now;
  if (earlier && earlier.version === version && stillDue(earlier.parsed.episode)) {
    texts.reusedInMemory();
    return earlier.parsed;
  }
  const result = await readAndParse(file, context, texts);
  parsed.set(file, { version, parsed: result });
  return result;
}

async function readAndParse(file: string, context: ParseContext, texts: EpisodeTextCache): Promise<ParsedFile> {
  const relative = projectPath(context.root, file);
  const problems = new ProblemList(relative);
  const source = await readAuthorFile(file, problems);
  if (source === undefined) return { problems, ownPeople: [], ownTags: [] };
  return completeEpisode(await texts.textOf(relative, source, () => readEpisodeText(file, source, context)), context);
}

/** A file's path as the author types it from the project folder: `episodes/x.md`. */
const projectPath = (root: string, file: string): string => path.relative(root, file).split(path.sep).join("/");

export const isLoaded = (result: Project | { problems: Problem[] }): result is Project => "site" in result;

/**
 * Markdown files under episodes/, at any depth, except those whose name starts with `_`.
 * A linked file is read when it stays inside the project and refused when it leads out;
 * linked folders are not followed (readdir lists them as links). A Markdown file named
 * otherwise than `.md` is refused, not silently left out.
 */
async function episodeFiles(root: string): Promise<{ files: string[]; refused: Problem[] }> {
  const dir = path.join(root, EPISODES_DIR);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const named = entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && !entry.name.startsWith("_"))
    .map((entry) => ({ file: path.join(entry.parentPath, entry.name), link: entry.isSymbolicLink() }))
    .filter(({ file }) => !path.relative(dir, file).split(path.sep).some((part) => part.startsWith("_")));
  const candidates = named.filter(({ file }) => file.endsWith(".md"));
  const misnamed = named.filter(({ file }) => !file.endsWith(".md") && MARKDOWN_NAME.test(file)).map(({ file }) => notAnEpisodeName(root, file));
  const files: string[] = [];
  const linkedOutside: Problem[] = [];
  for (const { file, link } of candidates) {
    const target = link ? await realpath(file).catch(() => undefined) : file;
    if (!link) files.push(file);
    else if (target && !isOutside(root, target)) files.push(file);
    else {
      linkedOutside.push({
        severity: "error",
        file: projectPath(root, file),
        line: 1,
        message: target ? "the episode is a link to a file outside the project" : "the episode is a link to a file that does not exist",
        hint: target ? "copy the file into episodes/ instead of linking to it" : "remove the link, or copy the file into episodes/",
      });
    }
  }
  return { files: files.sort(), refused: [...misnamed, ...linkedOutside] };
}

/** Names of Markdown files that are not `.md`: an author saving one under episodes/ means it as an episode. */
const MARKDOWN_NAME = /\.(md|markdown|mdown|mkdn|mkd|mdwn|mdtxt|mdtext)$/i;

function notAnEpisodeName(root: string, file: string): Problem {
  const renamed = path.basename(file).replace(MARKDOWN_NAME, ".md");
  return {
    severity: "error",
    file: projectPath(root, file),
    line: 1,
    message: "this Markdown file is not read as an episode: only names ending in .md (lowercase) are",
    hint: `rename it to ${renamed}, or start its name with _ to keep it out`,
  };
}

/**
 * People that two episodes list for themselves, under names that differ but slug alike
 * ("Ann & Bo", "Ann Bo"), would share one /people/<slug>/ page. Only people an episode
 * mentions get a page; the same name in two episodes is one person.
 */
function peopleSharingAPage(results: ParsedFile[], directory: ReadonlyMap<string, Person>): Problem[] {
  const first = new Map<string, { name: string; file: string; line: number }>();
  const found: Problem[] = [];
  for (const { episode, problems: { file }, ownPeople } of results) {
    const mentioned = new Set(episode?.people.map((person) => person.name));
    for (const { entry, line } of ownPeople.filter(({ entry }) => mentioned.has(entry.name) && !directory.has(entry.name))) {
      const slug = personSlug(entry.name);
      const earlier = first.get(slug);
      if (!earlier) first.set(slug, { name: entry.name, file, line });
      else if (earlier.name !== entry.name) {
        found.push({
          severity: "error",
          file,
          line,
          message: `"${entry.name}" and "${earlier.name}" (${earlier.file}:${earlier.line}) would share the page ${personPage(slug)}`,
          hint: "tell them apart by name, or list the person once in people.yaml",
        });
      }
    }
  }
  return found;
}

/**
 * Tags that differ but slug alike ("C++" and "C", "Café" and "Cafe", "China" and "china")
 * would share one /tags/<slug>/ page, which would list both under one of the names. In one
 * episode or across two, the later one is refused, naming the earlier.
 */
function tagsSharingAPage(results: ParsedFile[]): Problem[] {
  const first = new Map<string, { name: string; file: string; line: number }>();
  const found: Problem[] = [];
  for (const { problems: { file }, ownTags } of results) {
    for (const { name, line } of ownTags) {
      const slug = tagSlug(name);
      const earlier = first.get(slug);
      if (!earlier) first.set(slug, { name, file, line });
      else if (earlier.name !== name) {
        found.push({
          severity: "error",
          file,
          line,
          message: `the tag "${name}" and the tag "${earlier.name}" (${earlier.file}:${earlier.line}) would share the page ${tagPage(name)}`,
          hint: `write the tag the same way in every episode ("${earlier.name}"), or tell the two apart`,
        });
      }
    }
  }
  return found;
}

function duplicateSlugs(files: string[], root: string): Problem[] {
  const bySlug = new Map<string, string[]>();
  for (const file of files) {
    const slug = path.basename(file, ".md").replace(/^\d{4}-\d{2}-\d{2}-/, "");
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), path.relative(root, file)]);
  }
  return [...bySlug.entries()]
    .filter(([, same]) => same.length > 1)
    .flatMap(([slug, same]) =>
      same.map((file) => ({
        severity: "error" as const,
        file,
        line: 1,
        message: `the slug "${slug}" is also used by ${same.filter((other) => other !== file).join(", ")}`,
        hint: "two episodes cannot share a URL: rename one of the files",
      })),
    );
}
