import type { Token } from "markdown-it";
import type { Block, Episode } from "./episode.ts";
import { personText, type PersonMention } from "./person-references.ts";

/** Numbers every distinct link of an episode in order, for the plain text's `[n]` references. */
export class LinkList {
  readonly urls: string[] = [];

  constructor(private readonly baseUrl: string) {}

  /** The link's number, or undefined for a link within the page. */
  number(href: string): number | undefined {
    if (href.startsWith("#")) return undefined;
    const url = new URL(href, `${this.baseUrl}/`).href;
    const index = this.urls.indexOf(url);
    if (index >= 0) return index + 1;
    return this.urls.push(url);
  }
}

/**
 * Renders markdown-it block tokens as plain text: what the email's text twin and search read.
 * Links become `text [n]`, numbered in the episode's LinkList.
 */
export function renderPlainText(tokens: Token[], links: LinkList): string {
  const paragraphs: string[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let prefix = "";
  let pendingMarker = "";
  let row: string[] | undefined;

  for (const token of tokens) {
    switch (token.type) {
      case "bullet_list_open":
      case "ordered_list_open":
        lists.push({ ordered: token.type === "ordered_list_open", next: Number(token.attrGet("start") ?? 1) });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "list_item_open": {
        const list = lists.at(-1)!;
        pendingMarker = "  ".repeat(lists.length - 1) + (list.ordered ? `${list.next++}. ` : "- ");
        break;
      }
      case "blockquote_open":
        prefix += "> ";
        break;
      case "blockquote_close":
        prefix = prefix.slice(2);
        break;
      case "tr_open":
        row = [];
        break;
      case "tr_close":
        paragraphs.push(prefix + row!.join(" | "));
        row = undefined;
        break;
      case "inline": {
        const text = renderInlineText(token.children ?? [], links);
        if (row) {
          row.push(text);
        } else if (pendingMarker) {
          paragraphs.push(prefix + pendingMarker + text);
          pendingMarker = "";
        } else {
          paragraphs.push(prefix + text);
        }
        break;
      }
      case "fence":
      case "code_block":
        paragraphs.push(token.content.replace(/\n$/, "").replace(/^/gm, `${prefix}    `));
        break;
      case "hr":
        paragraphs.push(`${prefix}* * *`);
        break;
      case "html_block":
        // Raw HTML is text everywhere, as typed.
        paragraphs.push(prefix + token.content.replace(/\n+$/, ""));
        break;
    }
  }
  return joinParagraphs(paragraphs);
}

/** List items sit on consecutive lines; everything else is separated by a blank line. */
function joinParagraphs(paragraphs: string[]): string {
  return paragraphs
    .map((text, index) => {
      const isItem = /^\s*(-|\d+\.) /.test(text);
      const nextIsItem = /^\s*(-|\d+\.) /.test(paragraphs[index + 1] ?? "");
      return index === paragraphs.length - 1 ? text : text + (isItem && nextIsItem ? "\n" : "\n\n");
    })
    .join("");
}

export function renderInlineText(tokens: Token[], links: LinkList): string {
  let text = "";
  const openLinks: (number | undefined)[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case "text":
        text += token.content;
        break;
      case "html_inline":
        text += token.content;
        break;
      case "code_inline":
        text += `\`${token.content}\``;
        break;
      case "softbreak":
        text += " ";
        break;
      case "hardbreak":
        text += "\n";
        break;
      case "strong_open":
      case "strong_close":
        text += "*";
        break;
      case "em_open":
      case "em_close":
        text += "_";
        break;
      case "link_open":
        openLinks.push(links.number(String(token.attrGet("href") ?? "")));
        break;
      case "link_close": {
        const number = openLinks.pop();
        if (number !== undefined) text += ` [${number}]`;
        break;
      }
      case "image": {
        const number = links.number(String(token.attrGet("src") ?? ""));
        text += `${token.content || "image"} [${number}]`;
        break;
      }
      case "person_ref":
        text += personText(token.meta as unknown as PersonMention);
        break;
      case "footnote_ref":
        text += `[^${(token.meta as { id: number }).id + 1}]`;
        break;
    }
  }
  return text;
}

/**
 * The body as plain text, section titles and the text of every block in order, paragraphs
 * apart: its opening is the description of an episode without summary or subtitle. Made when
 * asked rather than kept with the episode, where it doubled the text every episode holds for
 * the whole build; it stops once it has `enough` characters (counting runs of white space as one).
 */
export function bodyPlainText(episode: Pick<Episode, "sections">, enough = Infinity): string {
  const parts: string[] = [];
  let length = 0;
  const add = (text: string | undefined): boolean => {
    if (text) {
      parts.push(text);
      length += text.replace(/\s+/g, " ").length + 1;
    }
    return length >= enough;
  };
  const walk = (blocks: Block[]): boolean =>
    blocks.some((block) => {
      if (block.kind === "prose") return add(block.text);
      if (block.kind === "quote") return add(block.original.text) || add(block.translation?.text);
      if (block.kind === "timeline") return block.meetings.some((meeting) => walk(meeting.blocks));
      if (block.kind === "note") return walk(block.blocks);
      return block.items.some((item) => add(item.text));
    });
  episode.sections.some((section) => add(section.title) || walk(section.blocks));
  return parts.join("\n\n");
}
