import { createHash } from "node:crypto";
import slugify from "@sindresorhus/slugify";

/**
 * Every published path, defined once. They are a promise to subscribers and podcast apps:
 * once published, a path never moves. All are site paths: relative to the site's root,
 * which is where `baseUrl` points (`https://user.github.io/show/`), so they also name the
 * file in the output folder. Pages link them through `siteLink`, feeds and emails through
 * `absoluteUrl`: nothing else makes a URL of a site path.
 */
export const archivePage = (pageNumber: number): string => (pageNumber <= 1 ? "/" : `/page/${pageNumber}/`);
export const episodePage = (slug: string): string => `/episodes/${slug}/`;
export const chaptersFile = (slug: string): string => `/episodes/${slug}/chapters.json`;
export const tagsIndex = (): string => "/tags/";
export const tagPage = (tag: string): string => `/tags/${tagSlug(tag)}/`;
export const peopleIndex = (): string => "/people/";
export const personPage = (personSlug: string): string => `/people/${personSlug}/`;
/** Where static hosts look for the "not found" page. */
export const notFoundPage = (): string => "/404.html";
export const readerFeed = (): string => "/feed.xml";
export const podcastFeed = (): string => "/podcast.xml";
export const emailHtml = (slug: string): string => `/email/${slug}.html`;
export const emailText = (slug: string): string => `/email/${slug}.txt`;
export const emailMessage = (slug: string): string => `/email/${slug}.eml`;
/** A project file (audio, image, transcript) is published under /media/, by its path below episodes/. */
export const mediaFile = (projectRelativePath: string): string =>
  `/media/${projectRelativePath.replace(/^episodes\//, "").split("/").map(encodeURIComponent).join("/")}`;

/** The path the site is published under: "/" for https://example.org, "/show/" for https://user.github.io/show. */
export function sitePathPrefix(baseUrl: string): string {
  // Every link of every page asks: parsing the URL each time was a tenth of an episode page's rendering.
  let prefix = pathPrefixes.get(baseUrl);
  if (prefix === undefined) {
    prefix = new URL(`${baseUrl.replace(/\/+$/, "")}/`).pathname;
    pathPrefixes.set(baseUrl, prefix);
  }
  return prefix;
}
const pathPrefixes = new Map<string, string>();

/**
 * How a page links a site path: "/episodes/x/" becomes "/show/episodes/x/" under
 * https://user.github.io/show. Anything else (an https:// URL, "#fn1") is returned as it is.
 */
export const siteLink = (baseUrl: string, url: string): string =>
  url.startsWith("/") && !url.startsWith("//") ? `${sitePathPrefix(baseUrl)}${url.slice(1)}` : url;

/** The full URL of a site path, for feeds, emails and metadata; an https:// URL is returned as it is. */
export const absoluteUrl = (baseUrl: string, url: string): string => new URL(siteLink(baseUrl, url), `${baseUrl}/`).href;

/**
 * ASCII slugs for tags and people. Letters and symbols slugify cannot spell in Latin (Chinese,
 * Japanese, emoji) are added as their code points, so "Xi 习近平" and "Xi 习仲勋" get pages of
 * their own; a name of nothing but punctuation is spelled out the same way.
 * A slug longer than MAX_SLUG is cut and ends in a hash of the whole name: a file name holds at most 255 bytes.
 */
export function tagSlug(text: string): string {
  // Pages link every tag and person they show: transliterating each name once saves seconds on a large archive.
  let slug = slugs.get(text);
  if (slug === undefined) {
    slug = spellSlug(text);
    slugs.set(text, slug);
  }
  return slug;
}
const slugs = new Map<string, string>();

function spellSlug(text: string): string {
  const codePoints = (chars: string[]) => chars.map((char) => char.codePointAt(0)!.toString(16));
  const unspelled = [...text].filter((char) => /[\p{L}\p{N}\p{S}]/u.test(char) && slugify(char) === "");
  const slug = [slugify(text), ...codePoints(unspelled)].filter(Boolean).join("-") || codePoints([...text]).join("-");
  if (slug.length <= MAX_SLUG) return slug;
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 10);
  return `${slug.slice(0, MAX_SLUG - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
const MAX_SLUG = 100;
export const personSlug = tagSlug;
