import type { SiteConfig } from "../config/site-config.ts";
import type { Episode, Media } from "../episode/episode.ts";

/** What both feeds are made from. */
export interface FeedInput {
  site: SiteConfig;
  /** The published episodes, newest first. */
  episodes: Episode[];
  /** The podcast's square art. */
  art?: Media;
  /** The episode's body as feed HTML (templates/feed/); URLs in it may be root-relative. */
  renderBody: (episode: Episode) => string;
}

/** Drafts and scheduled episodes never reach a feed, not even in a --drafts preview: a podcast app keeps what it has seen. */
export const feedEpisodes = (episodes: Episode[]): Episode[] => episodes.filter((episode) => !episode.draft && !episode.scheduled);
