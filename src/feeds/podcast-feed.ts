import type { PodcastConfig, SiteConfig } from "../config/site-config.ts";
import type { Episode } from "../episode/episode.ts";
import { absoluteUrl, archivePage, chaptersFile, podcastFeed } from "../paths/output-paths.ts";
import { feedEpisodes, type FeedInput } from "./feed-input.ts";
import { feedItem } from "./feed-item.ts";
import { podcastGuid } from "./podcast-guid.ts";
import { rssDocument, type XmlElements } from "./rss-document.ts";

/**
 * /podcast.xml: every published episode with audio, since apps show the back catalogue from it;
 * the newest `feeds.fullShowNotes` with their full show notes, older ones with a summary and a
 * link to their page, so the feed apps fetch every hour stays small. With the tags Apple Podcasts and the Podcasting 2.0
 * namespace ask for. https://podcasters.apple.com/support/823-podcast-requirements and
 * https://podcastindex.org/namespace/1.0
 */
export function podcastFeedXml(input: FeedInput, podcast: PodcastConfig): string {
  const { site } = input;
  const feedUrl = absoluteUrl(site.baseUrl, podcastFeed());
  const artUrl = input.art && absoluteUrl(site.baseUrl, input.art.url);
  return rssDocument(
    {
      title: site.title,
      description: site.description,
      link: absoluteUrl(site.baseUrl, archivePage(1)),
      feedUrl,
      language: site.language,
      ...(site.copyright && { copyright: site.copyright }),
      ...(artUrl && { imageUrl: artUrl }),
      elements: channelElements(site, podcast, feedUrl, artUrl),
    },
    feedEpisodes(input.episodes)
      .filter((episode) => episode.audio)
      .map((episode, index) =>
        feedItem(episode, input, index < site.feeds.fullShowNotes ? "full" : "summary", itemElements(episode, site)),
      ),
  );
}

function channelElements(site: SiteConfig, podcast: PodcastConfig, feedUrl: string, artUrl: string | undefined): XmlElements {
  return {
    "itunes:author": site.author,
    "itunes:owner": { "itunes:name": podcast.owner.name, "itunes:email": podcast.owner.email },
    ...(artUrl && { "itunes:image": { "@href": artUrl } }),
    "itunes:category": {
      "@text": podcast.category,
      ...(podcast.subcategory && { "itunes:category": { "@text": podcast.subcategory } }),
    },
    "itunes:explicit": String(site.explicit),
    "itunes:type": podcast.type,
    "podcast:guid": podcast.guid ?? podcastGuid(feedUrl),
    "podcast:locked": { "@owner": podcast.owner.email, "#": podcast.locked ? "yes" : "no" },
    ...(podcast.funding && { "podcast:funding": { "@url": podcast.funding.url, "#": podcast.funding.text } }),
    "podcast:person": podcast.hosts.map((host) => ({
      "@role": host.role ?? "host",
      ...(host.href && { "@href": host.href }),
      ...(host.img && { "@img": host.img }),
      "#": host.name,
    })),
  };
}

function itemElements(episode: Episode, site: SiteConfig): XmlElements {
  const audio = episode.audio!;
  const transcriptHasTimes = audio.transcript.type !== "text/html";
  return {
    "itunes:duration": String(Math.round(audio.duration)),
    ...(episode.episodeNumber !== undefined && { "itunes:episode": String(episode.episodeNumber) }),
    ...(episode.season !== undefined && { "itunes:season": String(episode.season) }),
    "itunes:episodeType": episode.episodeType,
    "itunes:explicit": String(episode.explicit),
    ...(episode.image && { "itunes:image": { "@href": absoluteUrl(site.baseUrl, episode.image.url) } }),
    ...(episode.chapters.length > 0 && {
      "podcast:chapters": { "@url": absoluteUrl(site.baseUrl, chaptersFile(episode.slug)), "@type": "application/json+chapters" },
    }),
    "podcast:transcript": {
      "@url": absoluteUrl(site.baseUrl, audio.transcript.url),
      "@type": audio.transcript.type,
      "@language": site.language,
      // A timed transcript doubles as captions. https://podcastindex.org/namespace/1.0#transcript
      ...(transcriptHasTimes && { "@rel": "captions" }),
    },
  };
}
