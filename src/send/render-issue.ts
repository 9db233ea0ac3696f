import { readFile } from "node:fs/promises";
import path from "node:path";
import type { EmailConfig } from "../config/site-config.ts";
import { PEOPLE_FILE, SITE_CONFIG_FILE } from "../paths/project-files.ts";
import { mjmlCacheDir } from "../email/compile-mjml.ts";
import { addEmailFilters } from "../email/email-filters.ts";
import { mergeTagWarnings } from "../email/mail-service-syntax.ts";
import { EmailRenderer, type EmailIssue } from "../email/render-email.ts";
import { templateEnvironments } from "../rendering/template-environments.ts";
import type { Episode } from "../episode/episode.ts";
import { formatProblem, InputError, type Problem } from "../problems/problem.ts";
import { isLoaded, loadProject, type Project } from "../project/load-project.ts";

export interface IssueToSend {
  project: Project;
  email: EmailConfig;
  episode: Episode;
  issue: EmailIssue;
  /** What the author should know first: the Gmail clip, text a mail service could read as its own. */
  warnings: string[];
}

/**
 * One published episode's email issue, rendered on its own (no build): for `castpress email`
 * and `castpress send`. A draft or scheduled episode is refused: it has no email until published.
 */
export async function renderIssue(root: string, wanted: string, command: string): Promise<IssueToSend> {
  return (await issueRenderer(root, command)).render(wanted);
}

export interface IssueRenderer {
  project: Project;
  render(wanted: string | Episode): Promise<IssueToSend>;
}

/** The project loaded and checked, and the email templates ready, to render one issue or many. */
export async function issueRenderer(root: string, command: string): Promise<IssueRenderer> {
  const project = await loadProject(root);
  if (!isLoaded(project)) throw new InputError(project.problems);
  const email = project.site.email;
  if (!email) throw new Error(`castpress ${command}: ${SITE_CONFIG_FILE} has no email settings: add email: with from, postalAddress and service`);
  const templates = templateEnvironments(project.root);
  addEmailFilters(templates);
  const renderer = new EmailRenderer(templates, mjmlCacheDir(project.root));
  const site = { site: project.site, ...(project.logo && { logo: project.logo }) };
  return {
    project,
    async render(wanted) {
      const episode = typeof wanted === "string" ? publishedEpisode(project, wanted, command) : wanted;
      const issue = await renderer.render(episode, site);
      const warnings = [...(await mergeTagProblems(project, [episode])).map(formatProblem), ...(issue.clipWarning ? [issue.clipWarning] : [])];
      return { project, email, episode, issue, warnings };
    },
  };
}

function publishedEpisode(project: Project, wanted: string, command: string): Episode {
  const episode = findEpisode(project.allEpisodes, wanted, project.root);
  if (!episode) {
    const examples = project.episodes.map((known) => known.slug).slice(0, 3).join(", ");
    throw new Error(`castpress ${command}: no episode "${wanted}"; give a slug (${examples}) or a file under episodes/`);
  }
  if (!project.episodes.includes(episode)) {
    throw new Error(`castpress ${command}: ${episode.file} is ${episode.draft ? "a draft" : "scheduled"}: it has no email until it is published`);
  }
  return episode;
}

/** Author text in these episodes and the site's files that the mail service could read as a merge tag. */
export async function mergeTagProblems(project: Project, episodes: Episode[]): Promise<Problem[]> {
  const service = project.site.email?.service;
  if (!service) return [];
  const files = [SITE_CONFIG_FILE, PEOPLE_FILE, ...episodes.map((episode) => episode.file)];
  const sources = await Promise.all(files.map((file) => readFile(path.join(project.root, file), "utf8").catch(() => "")));
  return files.flatMap((file, index) => mergeTagWarnings(file, sources[index]!, service));
}

/** By slug, by file name, or by path (from the working folder or the project). */
function findEpisode(episodes: Episode[], wanted: string, root: string): Episode | undefined {
  return episodes.find(
    (episode) =>
      episode.slug === wanted ||
      path.basename(episode.file) === wanted ||
      episode.file === path.relative(root, path.resolve(wanted)) ||
      episode.file === path.relative(root, path.resolve(root, wanted)),
  );
}
