import { escapeHtml } from "../text/html-escape.ts";

/**
 * Rendered Markdown with a style attribute on each tag the map names (`{ p: "margin: 0;" }`),
 * for the email body, which is never run through a CSS inliner: Gmail and Outlook read only
 * inline styles. The HTML must be castpress's own (markdown-it with `html: false`, Nunjucks
 * autoescaped), where `<` and `>` only ever open and close tags.
 */
export function inlineStyles(html: string, styles: Readonly<Record<string, string>>): string {
  return html.replace(OPENING_TAG, (tag, name: string, attributes: string) => {
    const style = styles[name.toLowerCase()];
    if (!style) return tag;
    const value = escapeHtml(style);
    // A style the HTML already has (a table cell's alignment) is more specific: it comes last and wins.
    if (STYLE_ATTRIBUTE.test(attributes)) return `<${name}${attributes.replace(STYLE_ATTRIBUTE, (_, existing: string) => ` style="${value} ${existing}"`)}>`;
    const selfClosing = attributes.endsWith("/");
    return `<${name}${selfClosing ? attributes.slice(0, -1).trimEnd() : attributes} style="${value}"${selfClosing ? " /" : ""}>`;
  });
}

const OPENING_TAG = /<([a-zA-Z][a-zA-Z0-9]*)((?:\s[^>]*)?)>/g;
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/;
