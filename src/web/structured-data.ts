import type { SiteConfig } from "../config/site-config.ts";
import type { Episode } from "../episode/episode.ts";
import type { PersonWithEpisodes } from "../project/castpress-data.ts";
import { absoluteUrl, episodePage, personPage } from "../paths/output-paths.ts";
import { episodeDescription } from "../rendering/episode-description.ts";
import { isoDuration } from "../text/dates-and-times.ts";

/**
 * The JSON-LD each web page carries (https://schema.org), built here rather than in the
 * templates so that it is real JSON, serialized by one safe function.
 */
export type JsonLdSite = Pick<SiteConfig, "title" | "description" | "author" | "baseUrl" | "language">;

/**
 * JSON for inside a <script> element. `<` is escaped so that no text (a title holding
 * `</script>` or `<!--`) can end the script or change how the HTML parser reads it; U+2028
 * and U+2029 are escaped for old JavaScript parsers. JSON.parse reads the result unchanged.
 */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A PodcastEpisode when the episode has audio, an Article otherwise. */
export function episodeJsonLd(episode: Episode, site: JsonLdSite): Record<string, unknown> {
  const url = absoluteUrl(site.baseUrl, episodePage(episode.slug));
  const common = {
    "@context": "https://schema.org",
    url,
    name: episode.title,
    description: episodeDescription(episode),
    datePublished: episode.date.toISOString(),
    inLanguage: site.language,
    ...(episode.tags.length > 0 && { keywords: episode.tags.join(", ") }),
    ...(episode.image && { image: absoluteUrl(site.baseUrl, episode.image.url) }),
    author: { "@type": "Person", name: site.author },
    ...(episode.people.length > 0 && { mentions: episode.people.map((person) => personThing(person, site)) }),
  };
  if (!episode.audio) return { "@type": "Article", headline: episode.title, ...common, publisher: organization(site) };
  return {
    "@type": "PodcastEpisode",
    ...common,
    ...(episode.episodeNumber !== undefined && { episodeNumber: episode.episodeNumber }),
    partOfSeries: { "@type": "PodcastSeries", name: site.title, url: absoluteUrl(site.baseUrl, "/") },
    associatedMedia: {
      "@type": "MediaObject",
      contentUrl: absoluteUrl(site.baseUrl, episode.audio.url),
      encodingFormat: episode.audio.type,
      duration: isoDuration(episode.audio.duration),
    },
  };
}

export function websiteJsonLd(site: JsonLdSite): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.title,
    description: site.description,
    url: absoluteUrl(site.baseUrl, "/"),
    inLanguage: site.language,
    publisher: organization(site),
  };
}

export function collectionJsonLd(page: { name: string; path: string }, site: JsonLdSite): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "CollectionPage",
    name: page.name,
    url: absoluteUrl(site.baseUrl, page.path),
    isPartOf: { "@type": "WebSite", name: site.title, url: absoluteUrl(site.baseUrl, "/") },
  };
}

export function personJsonLd(person: PersonWithEpisodes, site: JsonLdSite): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    url: absoluteUrl(site.baseUrl, personPage(person.slug)),
    mainEntity: personThing(person, site),
  };
}

function personThing(person: { name: string; slug: string; native?: string; role?: string }, site: JsonLdSite) {
  return {
    "@type": "Person",
    name: person.name,
    ...(person.native && { alternateName: person.native }),
    ...(person.role && { description: person.role }),
    url: absoluteUrl(site.baseUrl, personPage(person.slug)),
  };
}

const organization = (site: JsonLdSite) => ({ "@type": "Organization", name: site.title, url: absoluteUrl(site.baseUrl, "/") });
