import type { PodcastConfig, SiteConfig } from "../config/site-config.ts";
import type { Episode } from "../episode/episode.ts";
import { absoluteUrl, archivePage, chaptersFile, podcastFeed } from "../paths/output-paths.ts";
import { feedEpisodes, feedItemXml, type FeedInput } from "./feed-input.ts";
import { feedItem } from "./feed-item.ts";
import { podcastGuid } from "./podcast-guid.ts";
import { PODCAST_NAMESPACES, rssDocument, type XmlDocument } from "./rss-document.ts";

/**
 * /podcast.xml: the episodes with audio, with the tags Apple Podcasts and the Podcasting 2.0
 * namespace ask for. https://podcasters.apple.com/support/823-podcast-requirements and
 * https://podcastindex.org/namespace/1.0
 */
export function podcastFeedXml(input: FeedInput, podcast: PodcastConfig): XmlDocument {
  const { site } = input;
  const feedUrl = absoluteUrl(site.baseUrl, podcastFeed());
  const artUrl = input.art && absoluteUrl(site.baseUrl, input.art.url);
  return rssDocument(
    {
      title: site.title,
      description: site.description,
      site_url: absoluteUrl(site.baseUrl, archivePage(1)),
      feed_url: feedUrl,
      language: site.language,
      generator: "castpress",
      ...(site.copyright && { copyright: site.copyright }),
      ...(artUrl && { image_url: artUrl }),
      custom_namespaces: PODCAST_NAMESPACES,
      custom_elements: channelElements(site, podcast, feedUrl, artUrl),
    },
    feedEpisodes(input.episodes)
      .filter((episode) => episode.audio)
      .map((episode) =>
        feedItemXml(input, "podcast", episode, () => {
          const item = feedItem(episode, input);
          return { ...item, custom_elements: [...(item.custom_elements ?? []), ...itemElements(episode, site)] };
        }),
      ),
  );
}

function channelElements(site: SiteConfig, podcast: PodcastConfig, feedUrl: string, artUrl: string | undefined): unknown[] {
  return [
    { "itunes:author": site.author },
    { "itunes:owner": [{ "itunes:name": podcast.owner.name }, { "itunes:email": podcast.owner.email }] },
    ...(artUrl ? [{ "itunes:image": { _attr: { href: artUrl } } }] : []),
    {
      "itunes:category": [
        { _attr: { text: podcast.category } },
        ...(podcast.subcategory ? [{ "itunes:category": { _attr: { text: podcast.subcategory } } }] : []),
      ],
    },
    { "itunes:explicit": String(site.explicit) },
    { "itunes:type": podcast.type },
    { "podcast:guid": podcast.guid ?? podcastGuid(feedUrl) },
    { "podcast:locked": [{ _attr: { owner: podcast.owner.email } }, podcast.locked ? "yes" : "no"] },
    ...(podcast.funding ? [{ "podcast:funding": [{ _attr: { url: podcast.funding.url } }, podcast.funding.text] }] : []),
    ...podcast.hosts.map((host) => ({
      "podcast:person": [
        { _attr: { role: host.role ?? "host", ...(host.href && { href: host.href }), ...(host.img && { img: host.img }) } },
        host.name,
      ],
    })),
  ];
}

function itemElements(episode: Episode, site: SiteConfig): unknown[] {
  const audio = episode.audio!;
  const transcriptHasTimes = audio.transcript.type !== "text/html";
  return [
    { "itunes:duration": Math.round(audio.duration) },
    ...(episode.episodeNumber !== undefined ? [{ "itunes:episode": episode.episodeNumber }] : []),
    ...(episode.season !== undefined ? [{ "itunes:season": episode.season }] : []),
    { "itunes:episodeType": episode.episodeType },
    { "itunes:explicit": String(episode.explicit) },
    ...(episode.image ? [{ "itunes:image": { _attr: { href: absoluteUrl(site.baseUrl, episode.image.url) } } }] : []),
    ...(episode.chapters.length > 0
      ? [{ "podcast:chapters": { _attr: { url: absoluteUrl(site.baseUrl, chaptersFile(episode.slug)), type: "application/json+chapters" } } }]
      : []),
    {
      "podcast:transcript": {
        _attr: {
          url: absoluteUrl(site.baseUrl, audio.transcript.url),
          type: audio.transcript.type,
          language: site.language,
          // A timed transcript doubles as captions. https://podcastindex.org/namespace/1.0#transcript
          ...(transcriptHasTimes && { rel: "captions" }),
        },
      },
    },
  ];
}
