import { randomUUID } from "node:crypto";
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import slugify from "@sindresorhus/slugify";
import { DateTime } from "luxon";
import { isCalendarDate } from "../../episode/block-attributes.ts";
import { templateEnvironments } from "../../rendering/template-environments.ts";
import { EPISODES_DIR } from "../../paths/project-files.ts";
import { loadSiteConfig } from "../../config/site-config.ts";
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

function fail(message: string): number {
  console.error(`castpress new: ${message}`);
  return 1;
}
