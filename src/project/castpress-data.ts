import type { Episode, Person } from "../episode/episode.ts";
import { archivePage, chaptersFile, emailHtml, emailMessage, emailText, episodePage, personPage, tagPage, tagSlug } from "../paths/output-paths.ts";
import type { Project } from "./load-project.ts";

export interface TagEntry {
  name: string;
  slug: string;
  episodes: Episode[];
}

/** A person and the published episodes that mention them: what a person's page lists. */
export interface PersonWithEpisodes extends Person {
  episodes: Episode[];
}

/** One page of the archive: site.perPage episodes, newest first. */
export interface ArchivePage {
  /** From 1. */
  number: number;
  count: number;
  episodes: Episode[];
}

/**
 * The pages a build renders: all of them, or while serving, those an edit changed. The
 * indexes (tags, people, 404) and the feeds are rendered every time.
 */
export interface RenderSet {
  /** Episodes whose email and chapters are rendered, and their pages. */
  episodes: Episode[];
  /** Episodes whose email issue is rendered: the above, when the site has email settings. */
  emails: Episode[];
  /** Episode pages: the above, and those whose links to the next or previous episode changed. */
  episodePages: Episode[];
  archive: ArchivePage[];
  tags: TagEntry[];
  people: PersonWithEpisodes[];
}

/** What every template sees as `castpress`. */
export interface CastpressData extends Project {
  tags: TagEntry[];
  /** Everyone mentioned by a published episode, by name. */
  mentioned: PersonWithEpisodes[];
  archive: ArchivePage[];
  drafts: boolean;
  render: RenderSet;
}

/** The project as templates see it, with every page to be rendered. */
export function castpressData(project: Project, drafts: boolean): CastpressData {
  const tags = tagsOf(project.episodes);
  const mentioned = mentionedPeople(project.episodes);
  const archive = archivePages(project.episodes, project.site.perPage);
  const render = { episodes: project.episodes, emails: emailsOf(project, project.episodes), episodePages: project.episodes, archive, tags, people: mentioned };
  return { ...project, tags, mentioned, archive, drafts, render };
}

/**
 * The same data, rendering only the pages whose content differs from `previous`. It relies on
 * an unchanged episode file keeping its Episode object (loadProject's parse cache), so a page
 * is compared by the objects it shows; `previous` must come from the same config, people and
 * templates.
 */
export function renderingChangesSince(previous: CastpressData, data: CastpressData): CastpressData {
  const before = new Set(previous.episodes);
  const episodes = data.episodes.filter((episode) => !before.has(episode));
  const changed = new Set(episodes);
  const oldNeighbours = new Map(previous.episodes.map((episode, index) => [episode.slug, neighbours(previous.episodes, index)]));
  const episodePages = data.episodes.filter(
    (episode, index) => changed.has(episode) || !sameEpisodes(oldNeighbours.get(episode.slug), neighbours(data.episodes, index)),
  );
  const oldArchive = new Map(previous.archive.map((page) => [page.number, page]));
  const archive = data.archive.filter((page) => {
    const old = oldArchive.get(page.number);
    return !old || old.count !== page.count || !sameEpisodes(old.episodes, page.episodes);
  });
  const oldTags = new Map(previous.tags.map((tag) => [tag.slug, tag]));
  const tags = data.tags.filter((tag) => !sameEpisodes(oldTags.get(tag.slug)?.episodes, tag.episodes));
  const oldPeople = new Map(previous.mentioned.map((person) => [person.name, person]));
  const people = data.mentioned.filter((person) => !sameEpisodes(oldPeople.get(person.name)?.episodes, person.episodes));
  return { ...data, render: { episodes, emails: emailsOf(data, episodes), episodePages, archive, tags, people } };
}

/**
 * Output files of `previous` that `data` no longer has: a deleted or renamed episode's page
 * and email, a tag or person no episode mentions any more, archive pages past the last.
 */
export function outputsGoneSince(previous: CastpressData, data: CastpressData): string[] {
  const slugs = new Set(data.episodes.map((episode) => episode.slug));
  const tags = new Set(data.tags.map((tag) => tag.slug));
  const people = new Set(data.mentioned.map((person) => person.slug));
  return [
    ...previous.episodes
      .filter((episode) => !slugs.has(episode.slug))
      .flatMap(({ slug }) => [episodePage(slug), chaptersFile(slug), emailHtml(slug), emailText(slug), emailMessage(slug)]),
    ...previous.tags.filter((tag) => !tags.has(tag.slug)).map((tag) => tagPage(tag.name)),
    ...previous.mentioned.filter((person) => !people.has(person.slug)).map((person) => personPage(person.slug)),
    ...previous.archive.filter((page) => page.number > data.archive.length).map((page) => archivePage(page.number)),
  ];
}

/** A site without email settings has no email issues. */
const emailsOf = (project: Pick<Project, "site">, episodes: Episode[]): Episode[] => (project.site.email ? episodes : []);

/** An episode page links to the next and the previous episode, by title. */
const neighbours = (episodes: Episode[], index: number): Episode[] => [episodes[index - 1], episodes[index + 1]].filter((episode) => episode !== undefined);

const sameEpisodes = (a: Episode[] | undefined, b: Episode[]): boolean => a !== undefined && a.length === b.length && a.every((episode, index) => episode === b[index]);

/** Always one page, which says there are no episodes yet when there are none. */
function archivePages(episodes: Episode[], perPage: number): ArchivePage[] {
  const count = Math.max(1, Math.ceil(episodes.length / perPage));
  return Array.from({ length: count }, (_, index) => ({ number: index + 1, count, episodes: episodes.slice(index * perPage, (index + 1) * perPage) }));
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

function mentionedPeople(episodes: Episode[]): PersonWithEpisodes[] {
  const byName = new Map<string, PersonWithEpisodes>();
  for (const episode of episodes) {
    for (const person of episode.people) {
      const entry = byName.get(person.name) ?? { ...person, episodes: [] };
      entry.episodes.push(episode);
      byName.set(person.name, entry);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
