import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, mkdir, readdir, readFile, realpath, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import slugify from "@sindresorhus/slugify";
import { DateTime } from "luxon";
import { isCalendarDate } from "../../episode/block-attributes.ts";
import { isOutside } from "../../episode/media.ts";
import { templateEnvironments } from "../../rendering/template-environments.ts";
import { EPISODES_DIR } from "../../paths/project-files.ts";
import { loadPeopleDirectory } from "../../episode/people-directory.ts";
import { loadSiteConfig, type SiteConfig } from "../../config/site-config.ts";
import type { Block } from "../../episode/episode.ts";
import { createMarkdown } from "../../episode/markdown.ts";
import { EPISODE_FILE_NAME, parseEpisode } from "../../episode/parse-episode.ts";
import { exampleLanguages, languagesInUse, mostUsed } from "../../language/site-languages.ts";
import { formatProblem } from "../../problems/problem.ts";
import type { Command } from "../commands.ts";
import { commandLine } from "../invocation.ts";

/** A file name holds at most 255 bytes on the common file systems. */
const MAX_FILE_NAME_BYTES = 255;
/** Where an audio file from outside the project is copied to. */
const AUDIO_DIR = "audio";

export const newEpisode: Command = {
  options: { root: { type: "string" }, date: { type: "string" }, slug: { type: "string" }, audio: { type: "string" } },
  async run(values, positionals) {
    const root = path.resolve(String(values.root ?? process.cwd()));
    if (positionals.length > 1) {
      // npm keeps options before `--` for itself: `npm run new "Title" --date 2025-01-01` arrives as `Title 2025-01-01`.
      const given = positionals.map((word) => JSON.stringify(word)).join(", ");
      return fail(`give the title as one argument, in quotes (got ${positionals.length}: ${given}); with npm, put -- before the title: npm run new -- "Title" --date YYYY-MM-DD`);
    }
    const title = (positionals[0] ?? "").trim();
    if (!title) return fail(`give the episode a title: ${commandLine(root, "new", '"My title"')}`);
    const { config, problems } = await loadSiteConfig(root);
    if (!config) return fail(problems.items.map(formatProblem).join("\n"));

    const date = typeof values.date === "string" ? values.date : DateTime.now().setZone(config.timeZone).toISODate()!;
    if (!isCalendarDate(date)) return fail(`--date ${date} is not a date: write it as YYYY-MM-DD`);
    const slug = typeof values.slug === "string" ? values.slug : slugify(title);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      return fail(`cannot make a URL slug from "${slug || title}": give one with --slug, in lowercase letters, digits and hyphens`);
    }
    const fileName = `${date}-${slug}.md`;
    if (Buffer.byteLength(fileName) > MAX_FILE_NAME_BYTES) {
      return fail(`the title is too long for a file name (${Buffer.byteLength(fileName)} bytes; at most ${MAX_FILE_NAME_BYTES}): use --slug to give a shorter one; nothing was written`);
    }
    const dir = path.join(root, EPISODES_DIR);
    if (!(await stat(dir).then((info) => info.isDirectory(), () => false))) {
      return fail(`there is no ${EPISODES_DIR}/ folder in ${root}: run castpress in your project`);
    }
    const existing = await fileWithSlug(dir, slug);
    if (existing) {
      return fail(`${path.relative(root, existing).split(path.sep).join("/")} already has the slug "${slug}": choose another title or --slug; nothing was written`);
    }
    const file = path.join(dir, fileName);
    const audio = typeof values.audio === "string" ? await audioInProject(values.audio, root, dir, fileName) : undefined;
    if (audio && "refused" in audio) return fail(audio.refused);

    const text = templateEnvironments(root).text.render("skeleton/episode.md", {
      // JSON strings are YAML double-quoted scalars: any title is safe in the front matter.
      title: JSON.stringify(title),
      date,
      guid: randomUUID(),
      audio: audio && JSON.stringify(path.relative(dir, audio.file).split(path.sep).join("/")),
      quoteLang: await sampleQuoteLanguage(root, config),
    });
    try {
      if (audio?.copied) {
        await mkdir(path.dirname(audio.file), { recursive: true });
        await copyFile(audio.copied, audio.file, constants.COPYFILE_EXCL);
      }
      // "wx" fails if the file appeared meanwhile: an author's file is never overwritten.
      await writeFile(file, text, { flag: "wx" }).catch(async (error: unknown) => {
        if (audio?.copied) await rm(audio.file, { force: true });
        throw error;
      });
    } catch (error) {
      const { code, path: where } = error as NodeJS.ErrnoException;
      const shown = path.relative(root, where ?? file);
      if (code === "EEXIST") return fail(`${shown} already exists; nothing was written`);
      if (code === "ENOENT" && (where === undefined || where === file)) return fail(`there is no ${EPISODES_DIR}/ folder in ${root}: run ${commandLine(root, "new")} in your publication's folder`);
      throw error;
    }
    console.log(path.relative(process.cwd(), file));
    if (audio?.copied) console.log(`copied ${audio.copied} to ${path.relative(process.cwd(), audio.file)}`);
    return 0;
  },
};

/** The episode file under episodes/, at any depth, that already has the slug. */
async function fileWithSlug(dir: string, slug: string): Promise<string | undefined> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const match = entries.find((entry) => !entry.isDirectory() && entry.name.endsWith(".md") && entry.name.replace(/^\d{4}-\d{2}-\d{2}-/, "") === `${slug}.md`);
  return match && path.join(match.parentPath, match.name);
}

/**
 * Where the episode's audio is in the project. A file inside it is named as it is (it may be
 * added later); one outside is copied in, to episodes/audio/<date>-<slug>.<ext>, since
 * castpress publishes nothing from outside the project.
 */
async function audioInProject(
  given: string,
  root: string,
  dir: string,
  fileName: string,
): Promise<{ file: string; copied?: string } | { refused: string }> {
  const source = path.resolve(given);
  const realSource = await realpath(source).catch(() => source);
  if (!isOutside(await realpath(root).catch(() => root), realSource)) return { file: source };
  const info = await stat(source).catch(() => undefined);
  if (!info?.isFile()) return { refused: `--audio ${given}: there is no such file outside the project to copy in; nothing was written` };
  const file = path.join(dir, AUDIO_DIR, `${path.basename(fileName, ".md")}${path.extname(source).toLowerCase()}`);
  if (await stat(file).then(() => true, () => false)) {
    return { refused: `--audio ${given}: ${path.relative(root, file)} already exists, and castpress copies audio from outside the project there; move it, or copy the audio into the project yourself; nothing was written` };
  }
  return { file, copied: source };
}

/**
 * The `lang` of the skeleton's sample quote: the language the author's recent episodes quote
 * most, else the one most of the people directory's native names are in, else an example.
 */
async function sampleQuoteLanguage(root: string, site: SiteConfig): Promise<string> {
  const dir = path.join(root, EPISODES_DIR);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const recent = entries
    .filter((entry) => entry.isFile() && EPISODE_FILE_NAME.test(entry.name) && !path.relative(dir, entry.parentPath).split(path.sep).some((part) => part.startsWith("_")))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .slice(-RECENT_EPISODES);
  const { people } = await loadPeopleDirectory(root);
  const context = { root: await realpath(root), site, people, md: createMarkdown(), now: new Date() };
  const quoted = await Promise.all(
    recent.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const { episode } = await parseEpisode(file, await readFile(file, "utf8"), context);
      return episode ? quoteLanguages(episode.sections.flatMap((section) => section.blocks)) : [];
    }),
  );
  return mostUsed(quoted.flat())[0] ?? languagesInUse(people.values())[0] ?? exampleLanguages([])[0]!;
}

/** How many of the newest episodes say which languages the author quotes now. */
const RECENT_EPISODES = 10;

function quoteLanguages(blocks: Block[]): string[] {
  return blocks.flatMap((block) => {
    if (block.kind === "quote") return block.translation ? [block.original.lang] : [];
    if (block.kind === "timeline") return block.meetings.flatMap((meeting) => quoteLanguages(meeting.blocks));
    if (block.kind === "note") return quoteLanguages(block.blocks);
    return [];
  });
}

function fail(message: string): number {
  console.error(`castpress new: ${message}`);
  return 1;
}
