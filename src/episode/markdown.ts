import markdownIt, { type MarkdownIt } from "markdown-it";
import footnote from "markdown-it-footnote";
import type { Person } from "./episode.ts";
import type { ProblemList } from "../problems/problem.ts";
import { blockSyntax } from "./block-syntax.ts";
import { chapterStamps } from "./chapter-stamps.ts";
import { personReferences } from "./person-references.ts";

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
 */
export function createMarkdown(): MarkdownIt {
  // Raw HTML is recognised as CommonMark says (so an HTML block ends where CommonMark ends it)
  // and then shown as the text the author typed: never markup, in any output.
  const md = markdownIt({ html: true, linkify: true, typographer: false });
  md.renderer.rules.html_inline = (tokens, index) => md.utils.escapeHtml(tokens[index]!.content);
  md.renderer.rules.html_block = (tokens, index) => `<p>${md.utils.escapeHtml(tokens[index]!.content.replace(/\n+$/, ""))}</p>\n`;
  md.use(footnote);
  md.use(blockSyntax);
  md.use(personReferences);
  md.use(chapterStamps);
  return md;
}
