import { randomUUID } from "node:crypto";
import { readdir, readFile, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import slugify from "@sindresorhus/slugify";
import { DateTime } from "luxon";
import { isCalendarDate } from "../../episode/block-attributes.ts";
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

export const newEpisode: Command = {
  name: "new",
  summary: 'start an episode from the skeleton: new "Title" [--date YYYY-MM-DD] [--slug s] [--audio FILE]',
  options: { root: { type: "string" }, date: { type: "string" }, slug: { type: "string" }, audio: { type: "string" } },
  async run(values, positionals) {
    const root = path.resolve(String(values.root ?? process.cwd()));
    const title = positionals.join(" ").trim();
    if (!title) return fail(`give the episode a title: ${commandLine(root, "new", '"My title"')}`);
    const { config, problems } = await loadSiteConfig(root);
    if (!config) return fail(problems.items.map(formatProblem).join("\n"));

    const date = typeof values.date === "string" ? values.date : DateTime.now().setZone(config.timeZone).toISODate()!;
    if (!isCalendarDate(date)) return fail(`--date ${date} is not a date: write it as YYYY-MM-DD`);
    const slug = typeof values.slug === "string" ? values.slug : slugify(title);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      return fail(`cannot make a URL slug from "${slug || title}": give one with --slug, in lowercase letters, digits and hyphens`);
    }
    const dir = path.join(root, EPISODES_DIR);
    const existing = (await readdir(dir).catch(() => [] as string[])).find((name) => name.replace(/^\d{4}-\d{2}-\d{2}-/, "") === `${slug}.md`);
    if (existing) {
      return fail(`${EPISODES_DIR}/${existing} already has the slug "${slug}": choose another title or --slug; nothing was written`);
    }
    const file = path.join(dir, `${date}-${slug}.md`);
    const audio = typeof values.audio === "string" ? path.relative(dir, path.resolve(values.audio)).split(path.sep).join("/") : undefined;
    const text = templateEnvironments(root).text.render("skeleton/episode.md", {
      // JSON strings are YAML double-quoted scalars: any title is safe in the front matter.
      title: JSON.stringify(title),
      date,
      guid: randomUUID(),
      audio: audio && JSON.stringify(audio),
      quoteLang: await sampleQuoteLanguage(root, config),
    });
    try {
      // "wx" fails if the file appeared meanwhile: an author's file is never overwritten.
      await writeFile(file, text, { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") return fail(`${path.relative(root, file)} already exists; nothing was written`);
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return fail(`there is no ${EPISODES_DIR}/ folder in ${root}: run ${commandLine(root, "new")} in your publication's folder`);
      throw error;
    }
    console.log(path.relative(process.cwd(), file));
    return 0;
  },
};

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
