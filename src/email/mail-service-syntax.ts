import type { EmailConfig } from "../config/site-config.ts";
import type { Problem } from "../problems/problem.ts";

/**
 * A mail service runs its template language over the issue it sends: listmonk Go templates
 * over the whole body, text and subject; Buttondown Django/Jinja-style `{{ }}`, `{% %}` and
 * `{# #}`; Mailchimp `*|TAG|*` merge tags; Mailgun (Ghost) `%recipient.name%`. The author's text
 * must reach the reader as written, so it is kept from reading as any of these; only castpress's
 * own merge tags (the unsubscribe and manage links), which never pass through here, stay live.
 */
export type MailService = EmailConfig["service"];

/**
 * HTML for every service at once: the characters that open a merge tag (and `#}`, which closes a
 * Jinja-style comment and is an error on its own to some engines) are written as character
 * references, which no service's template language reads and every mail client shows as the
 * character, in text and in attribute values alike. CSS (`<style>`) and comments (Outlook's
 * conditional ones) are left alone: references are not decoded there, and castpress writes them.
 */
export function protectHtml(html: string): string {
  return html
    .split(RAW_HTML)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(HTML_OPENERS, (opener) => HTML_REFERENCES[opener]!)))
    .join("");
}

/**
 * Plain text (the text twin and the subject) for one service, with the service's own escape
 * where it has one: listmonk prints `{{"{{"}}` as `{{`; Buttondown's `{{ "{%" }}` prints `{%`.
 * Mailchimp and Mailgun document no escape: a word joiner (U+2060, invisible) after the opening
 * `*` or `%` keeps the tag from matching, and `check` warns (see mergeTagWarnings).
 */
export function protectText(text: string, service: MailService): string {
  switch (service) {
    case "listmonk":
      return text.replaceAll("{{", '{{"{{"}}');
    case "buttondown":
      // A stray `#}` is an error to some engines of this family (Nunjucks), so it is escaped too.
      return text.replace(/\{[{%#]|#\}/g, (tag) => `{{ "${tag}" }}`);
    case "mailchimp":
      return text.replace(/\*\|/g, `*${WORD_JOINER}|`);
    case "ghost":
      return text.replace(/%recipient\./g, `%${WORD_JOINER}recipient.`);
    default:
      // castpress fills its own links; a custom service's language is unknown.
      return text;
  }
}

/**
 * Lines of an author's file whose text the service would read as a merge tag in the text twin
 * or the subject, where it has no escape: `file:line` warnings for `check`.
 */
export function mergeTagWarnings(file: string, source: string, service: MailService): Problem[] {
  const tag = UNESCAPABLE[service];
  if (!tag) return [];
  return source.split(/\r?\n/).flatMap((line, index) => {
    const found = line.match(tag.pattern)?.[0];
    if (!found) return [];
    return [
      {
        severity: "warning" as const,
        file,
        line: index + 1,
        message: `"${found}" reads as a ${tag.service} merge tag, which ${tag.service} has no way to escape`,
        hint: `the email's HTML shows it as written; in the text twin and the subject it is kept from ${tag.service} by an invisible word joiner after its first character. Reword it if a reader may copy it`,
      },
    ];
  });
}

const WORD_JOINER = "\u2060";

/** `<style>` elements and comments: castpress's own CSS and Outlook's conditional comments. */
const RAW_HTML = /(<style[\s>][\s\S]*?<\/style>|<!--[\s\S]*?-->)/i;
const HTML_OPENERS = /\{|#\}|\*\||\|\*|%recipient\./g;
const HTML_REFERENCES: Record<string, string> = {
  "{": "&#123;",
  "#}": "#&#125;",
  "*|": "*&#124;",
  "|*": "&#124;*",
  "%recipient.": "&#37;recipient.",
};

const UNESCAPABLE: Partial<Record<MailService, { service: string; pattern: RegExp }>> = {
  mailchimp: { service: "Mailchimp", pattern: /\*\|[^|\n]*\|\*/ },
  ghost: { service: "Mailgun", pattern: /%recipient\.[^%\s]*%/ },
};
