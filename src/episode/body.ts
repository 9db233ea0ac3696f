import type { Env, MarkdownIt, Token } from "markdown-it";
import slugify from "@sindresorhus/slugify";
import type { ProblemList } from "../problems/problem.ts";
import { languageOfScript, scriptMismatch } from "../language/script-mismatch.ts";
import { exampleLanguages, exampleList } from "../language/site-languages.ts";
import { readBlockAttributes } from "./block-attributes.ts";
import type { Block, Footnote, Meeting, QuotePart, ReadingItem, Section } from "./episode.ts";
import { BLOCK_OPEN, QUOTE_SEPARATOR, type BlockMeta, type BlockName } from "./block-syntax.ts";
import type { HeadingMeta } from "./chapter-stamps.ts";
import { renderInlineText, renderPlainText, type LinkList } from "./plain-text.ts";

export interface BodyContext {
  md: MarkdownIt;
  /** The markdown-it env the tokens were parsed with (footnotes, people). */
  env: Env;
  problems: ProblemList;
  /** File line of the body's first line. */
  firstLine: number;
  /** The site's language: a translation's, and a one-language quote's without `lang`. */
  language: string;
  /** The languages the site's people are named in, most used first: the examples of messages (worked out only for one). */
  languagesInUse: () => readonly string[];
  links: LinkList;
}

/** Turns markdown-it's token stream into the episode's sections, blocks and footnotes. */
export function buildBody(tokens: Token[], context: BodyContext): { sections: Section[]; footnotes: Footnote[] } {
  const footnoteStart = tokens.findIndex((token) => token.type === "footnote_block_open");
  const content = footnoteStart >= 0 ? tokens.slice(0, footnoteStart) : tokens;
  const sections: Section[] = [];
  const ids = new Set<string>();
  let start = 0;
  let heading: Token[] | undefined;

  const flush = (end: number): void => {
    const blocks = buildBlocks(content.slice(start, end), 0, context);
    if (heading) sections.push(section(heading, blocks, ids, context));
    else if (blocks.length > 0) sections.push({ id: "", title: "", titleHtml: "", blocks });
  };

  content.forEach((token, index) => {
    if (token.type === "heading_open" && token.tag === "h2" && token.level === 0) {
      flush(index);
      heading = content.slice(index, index + 3);
      start = index + 3;
    }
  });
  flush(content.length);
  return { sections, footnotes: footnoteStart >= 0 ? buildFootnotes(tokens.slice(footnoteStart), context) : [] };
}

function section(heading: Token[], blocks: Block[], ids: Set<string>, context: BodyContext): Section {
  const [open, inline] = heading as [Token, Token];
  const title = renderInlineText(inline.children ?? [], context.links);
  if (title.trim() === "") {
    context.problems.warning(context.firstLine + (open.map?.[0] ?? 0), "this ## heading has no text", "give the section a title, or remove the ## line");
  }
  let id = slugify(title) || `section-${ids.size + 1}`;
  for (let n = 2; ids.has(id); n++) id = `${slugify(title)}-${n}`;
  ids.add(id);
  const titleHtml = context.md.renderer.renderInline(inline.children ?? [], context.md.options, context.env);
  const start = (open.meta as unknown as HeadingMeta | null)?.start;
  return { id, title, titleHtml, blocks, ...(start !== undefined && { start }) };
}

/**
 * Blocks of one stretch of tokens at `level`: prose between structured blocks; consecutive
 * meetings as one timeline.
 */
function buildBlocks(tokens: Token[], level: number, context: BodyContext): Block[] {
  const blocks: Block[] = [];
  let prose: Token[] = [];
  const flushProse = (): void => {
    if (prose.length === 0) return;
    blocks.push({
      kind: "prose",
      html: context.md.renderer.render(prose, context.md.options, context.env),
      text: renderPlainText(prose, context.links),
    });
    prose = [];
  };

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.type !== BLOCK_OPEN) {
      prose.push(token);
      continue;
    }
    const line = context.firstLine + (token.map?.[0] ?? 0);
    const { name, unclosed } = token.meta as unknown as BlockMeta;
    if (token.level !== level) {
      // A list item or block quote is Markdown's own HTML: a castpress block cannot sit inside it.
      // (A block of an unknown name was reported as such already.)
      if (name) context.problems.error(line, `this ${name} block is inside a list item or block quote`, "start its opening line at the left margin, outside the list or block quote");
      prose.push(token);
      continue;
    }
    const close = matchingClose(tokens, index);
    const inner = tokens.slice(index + 1, close);
    index = close;
    flushProse();
    // A block not closed was reported; where it ends is a guess, so what it holds is not judged.
    if (!name || unclosed) continue;
    const block = buildBlock(name, token, inner, line, context);
    if (!block) continue;
    const previous = blocks.at(-1);
    if (block.kind === "meeting") {
      if (previous?.kind === "timeline") {
        const last = previous.meetings.at(-1)!;
        if (block.meeting.date < last.date) {
          context.problems.warning(
            line,
            `this meeting (${block.meeting.date}) is dated before the one above it (${last.date})`,
            "a timeline runs forwards: check the date, or move the meeting",
          );
        }
        previous.meetings.push(block.meeting);
      } else {
        blocks.push({ kind: "timeline", meetings: [block.meeting] });
      }
    } else {
      blocks.push(block);
    }
  }
  flushProse();
  return blocks;
}

type BuiltBlock = Exclude<Block, { kind: "timeline" }> | { kind: "meeting"; meeting: Meeting };

function buildBlock(name: BlockName, open: Token, inner: Token[], line: number, context: BodyContext): BuiltBlock | undefined {
  const attributes = readBlockAttributes(name, open.info, line, context.problems, context.languagesInUse);
  switch (name) {
    case "quote": {
      const separator = inner.findIndex((token) => token.type === QUOTE_SEPARATOR);
      const hasTranslation = separator >= 0;
      if (hasTranslation && !attributes.lang) {
        const likely = languageOfScript(renderPlainText(inner.slice(0, separator), context.links)) ?? exampleLanguages(context.languagesInUse())[0]!;
        context.problems.error(line, "this quote has a translation but does not say the original's language", `add lang=${exampleList(likely, context.languagesInUse())} to its opening line`);
      }
      checkQuoteParts(inner, separator, open.level + 1, context);
      const original = quotePart(hasTranslation ? inner.slice(0, separator) : inner, attributes.lang ?? context.language, context);
      reportScriptMismatch(original, attributes.lang, line, context.problems);
      const translation = hasTranslation ? quotePart(inner.slice(separator + 1), context.language, context) : undefined;
      if (attributes.source) context.links.number(attributes.source);
      const { lang: _lang, ...details } = attributes;
      return { kind: "quote", ...details, original, ...(translation && { translation }) };
    }
    case "meeting":
      if (!attributes.date) return undefined;
      return { kind: "meeting", meeting: { ...attributes, date: attributes.date, ...meetingPerson(open), blocks: buildBlocks(inner, open.level + 1, context) } };
    case "reading":
      return { kind: "reading", items: readingItems(inner, line, context) };
    case "note":
      return { kind: "note", blocks: buildBlocks(inner, open.level + 1, context) };
  }
}

/**
 * A quote's parts are exactly what the author separated, or check says why not: each part is
 * text only, and a `---` that CommonMark put inside a list or block quote (where it is a rule
 * or a heading's underline, not the separator) is reported rather than published as original.
 */
function checkQuoteParts(inner: Token[], separator: number, level: number, context: BodyContext): void {
  const lineOf = (token: Token): number => context.firstLine + (token.map?.[0] ?? 0);
  for (const token of inner) {
    if (token.type === BLOCK_OPEN) {
      const { name } = token.meta as unknown as BlockMeta;
      context.problems.error(lineOf(token), `a quote holds quoted text only, not a ${name ?? "unknown"} block`, "close the quote before this block, and open it again after if needed");
    }
  }
  if (separator < 0) {
    const dashes = inner.find(
      (token) => (token.type === "hr" && token.markup.startsWith("-")) || (token.type === "heading_open" && token.markup === "-") || (token.type === "html_block" && /^ {0,3}---[ \t]*$/m.test(token.content)),
    );
    if (dashes?.type === "html_block") {
      context.problems.error(
        lineOf(dashes),
        "the quote's `---` is inside raw HTML that starts here (CommonMark reads HTML on to the next blank line), so it does not separate the original from the translation",
        "put a blank line between the HTML and the `---` line",
      );
      return;
    }
    if (!dashes) return;
    // A setext heading's map ends after its underline.
    const dashesLine = dashes.type === "hr" ? lineOf(dashes) : context.firstLine + (dashes.map?.[1] ?? 1) - 1;
    if (dashes.level === level) {
      context.problems.error(
        dashesLine,
        "this line of dashes is not the quote's separator, which is a line holding only `---`",
        "write the separator as `---`; for a rule inside the quote, write ***",
      );
    } else {
      context.problems.error(
        dashesLine,
        "this `---` is inside a list item or block quote within the quote, so it does not separate the original from the translation",
        "put the `---` on a line of its own at the quote's left margin, with a blank line above it if a list or block quote ends there",
      );
    }
    return;
  }
  const isEmpty = (part: Token[]): boolean => !part.some((token) => token.type === "inline" || token.type === "fence" || token.type === "code_block" || token.type === "html_block");
  if (isEmpty(inner.slice(0, separator)) || isEmpty(inner.slice(separator + 1))) {
    context.problems.error(lineOf(inner[separator]!), `the quote's ${isEmpty(inner.slice(0, separator)) ? "original (above" : "translation (below"} its \`---\` line) is empty`, "write the original above the `---` line and its translation below it");
  }
}

/** A quote's original whose script does not fit its lang (Hangul marked `kr`, kana marked `zh`). */
function reportScriptMismatch(original: QuotePart, written: string | undefined, line: number, problems: ProblemList): void {
  const mismatch = scriptMismatch(original.text, original.lang);
  if (!mismatch) return;
  const subject = written === undefined ? `this quote has no lang, so it is taken as the site's language, which` : `lang=${written}`;
  const hint = written === undefined ? `add lang=${mismatch.suggestion} to its opening line` : mismatch.hint;
  problems[mismatch.severity](line, `${subject} ${mismatch.problem}`, hint);
}

/** The person a meeting's `with` names, as markdown.ts resolved it in order of mentions. */
function meetingPerson(open: Token): Pick<Meeting, "withPerson"> {
  const mention = (open.meta as BlockMeta).withPerson;
  return mention?.person ? { withPerson: { person: mention.person, first: mention.first ?? false } } : {};
}

function quotePart(tokens: Token[], lang: string, context: BodyContext): QuotePart {
  return {
    lang,
    html: context.md.renderer.render(tokens, context.md.options, context.env),
    text: renderPlainText(tokens, context.links),
  };
}

function readingItems(tokens: Token[], line: number, context: BodyContext): ReadingItem[] {
  const items: ReadingItem[] = [];
  const isList = tokens[0]?.type === "bullet_list_open" || tokens[0]?.type === "ordered_list_open";
  const listEnd = isList ? matchingClose(tokens, 0) : -1;
  if (!isList || listEnd !== tokens.length - 1) {
    context.problems.error(line, "a reading block holds only a list of links", "write each link as a list item: - [Title](https://...)");
  }
  // list, item, paragraph, inline: an item's own text sits three levels below the list.
  const itemTextLevel = (tokens[0]?.level ?? 0) + 3;
  for (const token of tokens) {
    if (token.type !== "inline" || token.level !== itemTextLevel) continue;
    const children = token.children ?? [];
    const linkIndex = children.findIndex((child) => child.type === "link_open");
    const itemLine = context.firstLine + (token.map?.[0] ?? 0);
    if (linkIndex < 0) {
      context.problems.error(itemLine, "this reading item has no link", "write it as - [Title](https://...)");
      continue;
    }
    const linkClose = children.findIndex((child, i) => i > linkIndex && child.type === "link_close");
    const url = String(children[linkIndex]!.attrGet("href"));
    items.push({
      url,
      title: renderInlineText(children.slice(linkIndex + 1, linkClose), context.links),
      html: context.md.renderer.renderInline(children, context.md.options, context.env),
      text: renderInlineText(children, context.links),
    });
  }
  return items;
}

function buildFootnotes(tokens: Token[], context: BodyContext): Footnote[] {
  const footnotes: Footnote[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== "footnote_open") return;
    const close = tokens.findIndex((t, i) => i > index && t.type === "footnote_close");
    const inner = tokens.slice(index + 1, close).filter((t) => t.type !== "footnote_anchor");
    const number = (token.meta as { id: number }).id + 1;
    footnotes.push({
      id: `fn${number}`,
      html: context.md.renderer.render(inner, context.md.options, context.env),
      text: renderPlainText(inner, context.links),
    });
  });
  return footnotes;
}

/** Index of the token closing the one at `open`: the next token after it at its level that closes. */
function matchingClose(tokens: Token[], open: number): number {
  const { level } = tokens[open]!;
  const close = tokens.findIndex((token, index) => index > open && token.level === level && token.nesting === -1);
  return close < 0 ? tokens.length - 1 : close;
}
