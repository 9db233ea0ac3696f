import markdownIt, { type MarkdownIt, type StateBlock, type StateCore, type StateInline } from "markdown-it";
import container from "markdown-it-container";
import footnote from "markdown-it-footnote";
import type { Person } from "./episode.ts";
import type { ProblemList } from "../problems/problem.ts";
import { didYouMean } from "../problems/did-you-mean.ts";
import { personPage, siteLink } from "../paths.ts";

export const BLOCK_NAMES = ["quote", "meeting", "reading", "note"] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

/** The line parseEpisode puts in place of a quote's own `---`, so it is never a setext underline. */
export const QUOTE_SEPARATOR_LINE = "\uE000castpress-quote-separator";

/** What the Markdown rules need from the episode being parsed. */
export type MarkdownEnv = {
  /** Everyone an episode may name, by name. */
  people: ReadonlyMap<string, Person>;
  problems: ProblemList;
  /** File line of the body's first line. */
  firstLine: number;
  /** Filled by the people rule, in order of first mention. */
  mentioned: Person[];
  /** The site's baseUrl, which person links are made under. */
  baseUrl: string;
};

/**
 * One markdown-it for every episode: CommonMark with GitHub tables, footnotes, autolinks,
 * the four structured blocks, `[[Person]]` references and chapter stamps on `##` headings.
 * Raw HTML is off: an author's `<` is text in every output, never markup.
 */
export function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, typographer: false });
  md.use(footnote);
  for (const name of BLOCK_NAMES) {
    md.use(container, name, { validate: (params: string) => params.trim().split(/\s+/, 1)[0] === name });
  }
  md.block.ruler.before("table", "quote_separator", quoteSeparator, {
    alt: ["paragraph", "reference", "blockquote", "list"],
  });
  md.inline.ruler.before("link", "person_ref", personReference);
  md.core.ruler.after("inline", "people", resolvePeople);
  md.core.ruler.after("block", "chapter_stamps", chapterStamps);
  md.renderer.rules.quote_separator = () => "";
  md.renderer.rules.person_ref = (tokens, index, _options, env) =>
    renderPersonHtml(tokens[index]!.meta as unknown as PersonMention, md, (env as MarkdownEnv).baseUrl);
  return md;
}

export interface PersonMention {
  name: string;
  shown: string;
  /** Offset of the reference in its inline text, for the line number. */
  offset: number;
  person?: Person;
  first?: boolean;
}

function quoteSeparator(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const line = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
  if (line.trimEnd() !== QUOTE_SEPARATOR_LINE) return false;
  if (silent) return true;
  const token = state.push("quote_separator", "", 0);
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

function personReference(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (!src.startsWith("[[", pos)) return false;
  const end = src.indexOf("]]", pos + 2);
  if (end < 0) return false;
  const inner = src.slice(pos + 2, end);
  if (inner.includes("[") || inner.includes("\n") || inner.trim() === "") return false;
  if (!silent) {
    const [name, shown] = inner.split("|", 2).map((part) => part.trim());
    const token = state.push("person_ref", "", 0);
    token.meta = { name: name!, shown: shown || name!, offset: pos } satisfies PersonMention;
  }
  state.pos = end + 2;
  return true;
}

function resolvePeople(state: StateCore): void {
  const env = state.env as unknown as MarkdownEnv;
  const seen = new Set(env.mentioned.map((person) => person.name));
  for (const block of state.tokens) {
    for (const token of block.children ?? []) {
      if (token.type !== "person_ref") continue;
      const mention = token.meta as unknown as PersonMention;
      const person = env.people.get(mention.name);
      if (!person) {
        const newlines = block.content.slice(0, mention.offset).split("\n").length - 1;
        env.problems.error(
          env.firstLine + (block.map?.[0] ?? 0) + newlines,
          `no one called "${mention.name}" is in the people directory or this episode's people${didYouMean(mention.name, [...env.people.keys()])}`,
          "fix the name, or add the person to people.yaml or to this episode's `people:` list",
        );
        continue;
      }
      mention.person = person;
      mention.first = !seen.has(person.name);
      if (mention.first) {
        seen.add(person.name);
        env.mentioned.push(person);
      }
    }
  }
}

const STAMP = /^\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\]\s*/;

/** Takes the `[MM:SS]` stamp off a `##` heading and keeps its seconds on the heading token. */
function chapterStamps(state: StateCore): void {
  const env = state.env as unknown as MarkdownEnv;
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open" || token.tag !== "h2") return;
    const inline = state.tokens[index + 1]!;
    const match = STAMP.exec(inline.content);
    if (!match) return;
    const [, hours = "0", minutes = "0", seconds = "0"] = match;
    if (Number(seconds) > 59 || (match[1] !== undefined && Number(minutes) > 59)) {
      env.problems.error(
        env.firstLine + (token.map?.[0] ?? 0),
        `the chapter stamp "${match[0].trim()}" is not a time`,
        "write it as [MM:SS] or [HH:MM:SS], with seconds and minutes under 60",
      );
      return;
    }
    token.meta = { start: Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) };
    inline.content = inline.content.slice(match[0].length);
  });
}

function renderPersonHtml(mention: PersonMention, md: MarkdownIt, baseUrl: string): string {
  const escape = md.utils.escapeHtml;
  const person = mention.person;
  if (!person) return escape(mention.shown);
  const link = `<a class="person" href="${siteLink(baseUrl, personPage(person.slug))}">${escape(mention.shown)}</a>`;
  if (!mention.first || !person.native) return link;
  return `${link} <span class="person-native">(<span lang="${escape(person.lang ?? "und")}">${escape(person.native)}</span>)</span>`;
}

/** The plain-text form of a mention, matching the HTML one. */
export function personText(mention: PersonMention): string {
  const person = mention.person;
  return mention.first && person?.native ? `${mention.shown} (${person.native})` : mention.shown;
}
