import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { buildSite } from "../../build/build.ts";
import type { Episode } from "../../episode/episode.ts";
import { sendTestMessage } from "../../email/send-test.ts";
import { InputError } from "../../problems/problem.ts";
import { isLoaded, loadProject } from "../../project/load-project.ts";
import { emailHtml, emailMessage, emailText } from "../../paths/output-paths.ts";
import { CONFIG_FILES } from "../../paths/project-files.ts";
import type { Command } from "../commands.ts";

export const email: Command = {
  name: "email",
  summary: "show one episode's email issue (.html, .txt, .eml), building it if needed; --send-test ADDRESS sends it through SMTP_URL",
  options: { root: { type: "string" }, out: { type: "string" }, "send-test": { type: "string" } },
  async run(values, positionals) {
    const root = path.resolve(String(values.root ?? process.cwd()));
    const out = path.resolve(root, typeof values.out === "string" ? values.out : "dist");
    const wanted = positionals[0];
    if (!wanted) {
      console.error("castpress email: name the episode, by its slug or its file: castpress email china-japan-relations-reset");
      return 2;
    }
    const project = await loadProject(root);
    if (!isLoaded(project)) throw new InputError(project.problems);
    if (!project.site.email) {
      console.error("castpress email: castpress.yaml has no email settings: add email: with from, postalAddress and service");
      return 1;
    }
    const episode = findEpisode(project.allEpisodes, wanted, root);
    if (!episode) {
      console.error(`castpress email: no episode "${wanted}"; give a slug (${project.episodes.map((e) => e.slug).slice(0, 3).join(", ")}) or a file under episodes/`);
      return 1;
    }
    if (!project.episodes.includes(episode)) {
      console.error(`castpress email: ${episode.file} is ${episode.draft ? "a draft" : "scheduled"}: it has no email until it is published`);
      return 1;
    }

    const files = [emailHtml, emailText, emailMessage].map((where) => path.join(out, where(episode.slug)));
    if (await isStale(files, [path.join(root, episode.file), ...CONFIG_FILES.map((file) => path.join(root, file))])) {
      console.log(`Building ${path.relative(process.cwd(), out) || "."}/ ...`);
      await buildSite({ root, out });
    }
    console.log(`Email issue for "${episode.title}":`);
    for (const file of files) console.log(`  ${path.relative(process.cwd(), file).padEnd(48)} ${kilobytes((await stat(file)).size).padStart(9)}`);

    const to = values["send-test"];
    if (typeof to === "string") {
      const response = await sendTestMessage(await readFile(files[2]!), to, process.env.SMTP_URL);
      console.log(`Sent a test to ${to}: ${response}`);
    }
    return 0;
  },
};

/** By slug, by file name, or by path (from the working folder or the project). */
function findEpisode(episodes: Episode[], wanted: string, root: string): Episode | undefined {
  const asPath = (file: string) => path.relative(root, path.resolve(file));
  return episodes.find(
    (episode) =>
      episode.slug === wanted ||
      path.basename(episode.file) === wanted ||
      episode.file === asPath(wanted) ||
      episode.file === path.relative(root, path.resolve(root, wanted)),
  );
}

/** Missing, or older than any of the files it is made from. */
async function isStale(outputs: string[], sources: string[]): Promise<boolean> {
  const times = async (files: string[]) => Promise.all(files.map((file) => stat(file).then((s) => s.mtimeMs, () => undefined)));
  const [built, made] = await Promise.all([times(outputs), times(sources)]);
  if (built.some((time) => time === undefined)) return true;
  const oldest = Math.min(...(built as number[]));
  return made.some((time) => time !== undefined && time > oldest);
}

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
