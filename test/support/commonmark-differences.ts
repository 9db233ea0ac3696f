import markdownIt, { type Token } from "markdown-it";
import { elementsOf, isElement, parseHtml, textNodesOf, unwrap, type Fragment } from "./normalised-html.ts";

/**
 * How castpress's HTML may differ from CommonMark's, as the README's "How castpress differs
 * from CommonMark" lists it: each difference is one rule, a transform that makes CommonMark's
 * expected HTML (or castpress's page) what castpress promises instead. A difference no rule
 * explains fails the test.
 */

/** CommonMark's reference reading of an example: markdown-it's commonmark preset passes all 652. */
const reference = markdownIt("commonmark");
/** markdown-it's own link finder, with its defaults: what "bare links become links" means. */
const linkFinder = markdownIt({ linkify: true });

const RAW = "castpress-raw-html";

/**
 * Raw HTML is shown as the text typed: each piece of raw HTML CommonMark finds (an HTML block,
 * an inline tag) appears in the expected HTML exactly as typed, and is replaced there by its
 * text; an HTML block stands as a paragraph of its own.
 */
export function rawHtmlAsText(markdown: string, expected: string): string {
  const pieces = reference.parse(markdown, {}).flatMap((token) => [token, ...(token.children ?? [])]).filter((token) => token.type === "html_block" || token.type === "html_inline");
  let html = "";
  let rest = expected;
  for (const piece of pieces) {
    const at = rest.indexOf(piece.content);
    if (at < 0) continue;
    const text = escapeHtml(piece.type === "html_block" ? piece.content.replace(/\n+$/, "") : piece.content);
    const shown = `<${RAW}>${text}</${RAW}>`;
    html += rest.slice(0, at) + (piece.type === "html_block" ? `<p>${shown}</p>\n` : shown);
    rest = rest.slice(at + piece.content.length);
  }
  return html + rest;
}

export const hasRawHtml = (markdown: string): boolean =>
  reference.parse(markdown, {}).some((token) => token.type === "html_block" || (token.children ?? []).some((child: Token) => child.type === "html_inline"));

/**
 * Bare links become links: in the text of the expected HTML outside links, code and raw HTML,
 * what markdown-it's link finder takes for a link, where the author typed it as it reads (a
 * backslash escape or an entity inside it keeps it text).
 */
export function bareLinksAsLinks(expected: Fragment, markdown: string): void {
  for (const node of textNodesOf(expected, outsideLinksAndCode)) {
    const matches = (linkFinder.linkify.match(node.value) ?? []).filter((match) => markdown.includes(match.raw));
    if (matches.length === 0) continue;
    let html = "";
    let last = 0;
    for (const match of matches) {
      const href = linkFinder.normalizeLink(match.url);
      if (!linkFinder.validateLink(href)) continue;
      const text = !match.schema
        ? linkFinder.normalizeLinkText(`http://${match.text}`).replace(/^http:\/\//, "")
        : match.schema === "mailto:" && !/^mailto:/i.test(match.text)
          ? linkFinder.normalizeLinkText(`mailto:${match.text}`).replace(/^mailto:/, "")
          : linkFinder.normalizeLinkText(match.text);
      html += escapeHtml(node.value.slice(last, match.index)) + `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
      last = match.lastIndex;
    }
    html += escapeHtml(node.value.slice(last));
    const replacement = parseHtml(html).childNodes;
    const parent = node.parentNode!;
    for (const child of replacement) child.parentNode = parent;
    parent.childNodes.splice(parent.childNodes.indexOf(node), 1, ...replacement);
  }
}

export const hasBareLinks = (expected: Fragment, markdown: string): boolean =>
  textNodesOf(expected, outsideLinksAndCode).some((node) => (linkFinder.linkify.match(node.value) ?? []).some((match) => markdown.includes(match.raw)));

const outsideLinksAndCode = (element: { tagName: string }): boolean => !["a", "code", "pre", RAW].includes(element.tagName);

/** The raw-HTML marker's job is done once bare links are found: its text stays. */
export function dropRawMarkers(expected: Fragment): void {
  for (const element of elementsOf(expected).filter((element) => element.tagName === RAW)) unwrap(element);
}

/**
 * `##` headings are the episode's sections: the page wraps each in a <section>, and a heading
 * gets an id for its fragment link. Undone on castpress's page, the rest must be CommonMark's.
 */
export function sectionsAsPlainHeadings(page: Fragment): void {
  for (const element of elementsOf(page)) {
    if (element.tagName === "section" && element.attrs.some((a) => a.name === "class" && a.value === "episode-section")) {
      for (const child of element.childNodes) {
        if (isElement(child) && child.tagName === "h2") child.attrs = child.attrs.filter((a) => a.name !== "id");
      }
    }
  }
  for (const element of elementsOf(page).filter((e) => e.attrs.some((a) => a.name === "class" && ["episode-section", "episode-body"].includes(a.value)))) unwrap(element);
}

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
