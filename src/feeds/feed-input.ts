import type RSS from "rss";
import type { SiteConfig } from "../config/site-config.ts";
import type { Episode, Media } from "../episode/episode.ts";
import { rssItemXml, type RssItemXml } from "./rss-document.ts";

/** What both feeds are made from. */
export interface FeedInput {
  site: SiteConfig;
  /** The published episodes, newest first. */
  episodes: Episode[];
  /** The podcast's square art. */
  art?: Media;
  /** The episode's body as feed HTML (templates/feed/); URLs in it may be root-relative. */
  renderBody: (episode: Episode) => string;
  /**
   * Items already written, by feed, for Episode objects that have not changed since (serve
   * keeps an unchanged episode's object while only episode files change).
   */
  items?: WeakMap<Episode, Partial<Record<FeedName, RssItemXml>>>;
}

export type FeedName = "reader" | "podcast";

/** Drafts and scheduled episodes never reach a feed, not even in a --drafts preview: a podcast app keeps what it has seen. */
export const feedEpisodes = (episodes: Episode[]): Episode[] => episodes.filter((episode) => !episode.draft && !episode.scheduled);

/** The episode's item in one feed, written once per Episode object. */
export function feedItemXml(input: FeedInput, feed: FeedName, episode: Episode, item: () => RSS.ItemOptions): RssItemXml {
  const written = input.items?.get(episode);
  const kept = written?.[feed];
  if (kept) return kept;
  const xml = rssItemXml(item());
  input.items?.set(episode, { ...written, [feed]: xml });
  return xml;
}
