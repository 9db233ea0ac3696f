import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse, parseFragment } from "parse5";
import Parser from "rss-parser";

/** What a crawl of a built site found: how many links it followed, and each that failed. */
export interface CrawlReport {
  checked: number;
  /** "file: url — what is wrong", one per broken link. */
  problems: string[];
  /** Feeds that parsed, by file. */
  feeds: string[];
}

/** Attributes that point a browser, a feed reader or a mail client at another file. */
const URL_ATTRIBUTES = new Set(["href", "src", "action", "poster"]);
/** An email's unsubscribe and manage links, which the mail service fills in per subscriber. */
const MERGE_TAG = /^(\{\{.*\}\}|\*\|.*\|\*|%.*%)$/;
/** <meta> properties that hold a URL of the site (Open Graph, Twitter cards). */
const URL_META = /^(og:url|og:image|og:audio|twitter:image)$/;

/**
 * Follows every link and asset of every page, email and feed in `dist` as published at
 * `baseUrl` (`https://user.github.io/show/`): each one on the site's own host must stay under
 * the base path and lead to a file in `dist`. Feeds are read with rss-parser, as a feed
 * reader would, and the HTML inside their items is crawled too. Links to other hosts are
 * not followed.
 */
export async function crawlSite(dist: string, baseUrl: string): Promise<CrawlReport> {
  const base = new URL(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const files = new Set((await readdir(dist, { recursive: true })).map((file) => file.split(path.sep).join("/")));
  const report: CrawlReport = { checked: 0, problems: [], feeds: [] };

  const check = (from: string, url: string, pageUrl: URL): void => {
    if (MERGE_TAG.test(url)) return;
    let target: URL;
    try {
      target = new URL(url, pageUrl);
    } catch {
      report.problems.push(`${from}: ${url} — not a URL`);
      return;
    }
    if (target.origin !== base.origin || !/^https?:$/.test(target.protocol)) return;
    report.checked++;
    if (!target.pathname.startsWith(base.pathname)) {
      report.problems.push(`${from}: ${url} — leaves the site's path ${base.pathname}`);
      return;
    }
    let file = decodeURIComponent(target.pathname.slice(base.pathname.length));
    if (file === "" || file.endsWith("/")) file += "index.html";
    if (!files.has(file)) report.problems.push(`${from}: ${url} — no file ${file} in the output`);
  };

  for (const file of [...files].sort()) {
    const pageUrl = new URL(file.replace(/(^|\/)index\.html$/, "$1"), base);
    if (file.endsWith(".html")) {
      for (const url of htmlUrls(parse(await readFile(path.join(dist, file), "utf8")))) check(file, url, pageUrl);
    } else if (file.endsWith(".xml")) {
      const xml = await readFile(path.join(dist, file), "utf8");
      const feed = await new Parser().parseString(xml);
      report.feeds.push(file);
      const feedUrls = [feed.link, feed.feedUrl, feed.image?.url, feed.itunes?.image].filter((url): url is string => Boolean(url));
      for (const url of feedUrls) check(file, url, pageUrl);
      for (const item of feed.items) {
        const itemUrl = new URL(item.link ?? base.href, base);
        for (const url of [item.link, item.enclosure?.url].filter((url): url is string => Boolean(url))) check(`${file} (${item.title})`, url, pageUrl);
        const content = (item as { "content:encoded"?: string })["content:encoded"];
        if (content) for (const url of htmlUrls(parseFragment(content))) check(`${file} (${item.title})`, url, itemUrl);
      }
    }
  }
  return report;
}

type Node = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; content?: Node };

/** Every URL-valued attribute in a parsed document or fragment. */
function htmlUrls(root: Node): string[] {
  const urls: string[] = [];
  const visit = (node: Node): void => {
    const attrs = node.attrs ?? [];
    for (const attr of attrs) if (URL_ATTRIBUTES.has(attr.name) && attr.value !== "") urls.push(attr.value);
    if (node.nodeName === "meta") {
      const property = attrs.find((attr) => attr.name === "property" || attr.name === "name")?.value ?? "";
      const content = attrs.find((attr) => attr.name === "content")?.value;
      if (URL_META.test(property) && content) urls.push(content);
    }
    if (node.nodeName === "script" && attrs.some((attr) => attr.name === "type" && attr.value === "application/ld+json")) {
      const text = (node.childNodes ?? []).map((child) => (child as { value?: string }).value ?? "").join("");
      urls.push(...jsonLdUrls(JSON.parse(text)));
    }
    for (const child of node.childNodes ?? []) visit(child);
    if (node.content) visit(node.content);
  };
  visit(root);
  return urls;
}

/** The URLs in JSON-LD structured data: every `url`, `contentUrl`, `image` and `@id`. */
function jsonLdUrls(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(jsonLdUrls);
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === "string" ? (["url", "contentUrl", "image", "@id"].includes(key) ? [inner] : []) : jsonLdUrls(inner),
  );
}
