import stringWidth from "string-width";

/**
 * Helpers for the plain-text twin, which is rendered from the blocks' text.njk templates with
 * the text environment (nothing escaped, since nothing is markup).
 */

/** `[n]`: the number of a URL in the episode's list of links, as the prose text writes them. */
export function linkReference(links: string[], url: string | undefined): string {
  const index = url ? links.indexOf(url) : -1;
  return index < 0 ? "" : `[${index + 1}]`;
}

/** Every line prefixed, blank lines included, as a mail client quotes. */
export function prefixLines(text: string, prefix: string): string {
  return text
    .replace(/\n+$/, "")
    .split("\n")
    .map((line) => (line ? prefix + line : prefix.trimEnd()))
    .join("\n");
}

/** A heading underlined to its width, as plain-text mail marks headings. */
export function underline(text: string, char = "="): string {
  // Columns as a terminal shows them: wide CJK and emoji take two, combining marks none.
  return `${text}\n${char.repeat(Math.max(3, stringWidth(text)))}`;
}

/** The numbered link list at the end of the text: `[1] https://...`. */
export function numberedLinks(links: string[]): string {
  return links.map((url, index) => `[${index + 1}] ${url}`).join("\n");
}
