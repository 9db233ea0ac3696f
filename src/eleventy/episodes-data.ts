import { copyFile, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Episode, Media, Person } from "../episode/episode.ts";
import { formatProblem, hasErrors, InputError } from "../problems/problem.ts";
import { isLoaded, loadProject, type Project } from "../project.ts";
import { tagSlug } from "../paths.ts";
import type { BuildOptions } from "./build-options.ts";

export interface TagEntry {
  name: string;
  slug: string;
  episodes: Episode[];
}

export interface PersonEntry extends Person {
  episodes: Episode[];
}

/** What every template sees as `castpress`. */
export interface CastpressData extends Project {
  tags: TagEntry[];
  /** Everyone mentioned by a published episode, by name. */
  mentioned: PersonEntry[];
  drafts: boolean;
}

/**
 * Loads and checks every episode before each build (and each rebuild while serving), and
 * gives templates the result as global data. A build with errors stops here, before any
 * template runs, with every problem listed.
 */
export function episodesData(eleventyConfig: any, options: BuildOptions): void {
  let data: CastpressData | undefined;

  eleventyConfig.addGlobalData("castpress", async () => {
    // castpress build has already checked (and reported) the project it primes.
    const primedProject = takePrimedProject();
    const project = primedProject ?? (await loadProject(options.root, { drafts: options.drafts }));
    if (!primedProject) for (const problem of project.problems.filter((p) => p.severity === "warning")) console.warn(formatProblem(problem));
    if (!isLoaded(project) || hasErrors(project.problems)) {
      throw new InputError(project.problems.filter((problem) => problem.severity === "error"));
    }
    data = { ...project, tags: tagsOf(project.episodes), mentioned: mentionedPeople(project.episodes), drafts: options.drafts };
    return data;
  });

  // Media are copied after the build, only what published episodes use.
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    if (!data) return;
    await copyMedia(publishedMedia(data), directories.output);
  });
}

let primed: Project | undefined;

/** Hands a project `castpress build` has just checked to the next build, so it is not parsed twice. */
export function primeProject(project: Project): void {
  primed = project;
}

function takePrimedProject(): Project | undefined {
  const project = primed;
  primed = undefined;
  return project;
}

function tagsOf(episodes: Episode[]): TagEntry[] {
  const bySlug = new Map<string, TagEntry>();
  for (const episode of episodes) {
    for (const name of episode.tags) {
      const slug = tagSlug(name);
      const entry = bySlug.get(slug) ?? { name, slug, episodes: [] };
      entry.episodes.push(episode);
      bySlug.set(slug, entry);
    }
  }
  return [...bySlug.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function mentionedPeople(episodes: Episode[]): PersonEntry[] {
  const byName = new Map<string, PersonEntry>();
  for (const episode of episodes) {
    for (const person of episode.people) {
      const entry = byName.get(person.name) ?? { ...person, episodes: [] };
      entry.episodes.push(episode);
      byName.set(person.name, entry);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function publishedMedia(data: CastpressData): Media[] {
  const media: (Media | undefined)[] = [data.art, data.logo];
  for (const episode of data.episodes) {
    media.push(episode.image, episode.audio);
    if (episode.audio?.transcript.sourcePath) media.push({ ...episode.audio.transcript, alt: "" });
  }
  return media.filter((item): item is Media => Boolean(item?.sourcePath));
}

/** Copies each file unless an identical-looking copy (same size, not older) is there already. */
async function copyMedia(media: Media[], output: string): Promise<void> {
  await Promise.all(
    media.map(async ({ sourcePath, url }) => {
      const target = path.join(output, decodeURIComponent(url));
      const [source, existing] = await Promise.all([stat(sourcePath!), stat(target).catch(() => undefined)]);
      if (existing && existing.size === source.size && existing.mtimeMs >= source.mtimeMs) return;
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(sourcePath!, target);
    }),
  );
}
