import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { didYouMean } from "../problems/did-you-mean.ts";
import { personPage, siteLink } from "../paths/output-paths.ts";
import type { Person } from "./episode.ts";
import type { MarkdownEnv } from "./markdown.ts";
import { BLOCK_OPEN, type BlockMeta } from "./block-syntax.ts";
import { resolveMeetingWith } from "./meeting-person.ts";

export type PersonMention = {
  name: string;
  shown: string;
  person?: Person;
  first?: boolean;
};

export const PERSON_REFERENCE = "person_ref";

/**
 * `[[Name]]` and `[[Name|shown]]` where CommonMark leaves the brackets as text: this runs after
 * markdown-it's inline parse, so brackets that are part of a link, an image or a reference
 * are Markdown's, and escaped brackets (`\[[Name]]`), code and autolinks are never looked at.
 * It runs before text_join, while escapes are still tokens of their own.
 */
export function personReferences(md: MarkdownIt): void {
  md.core.ruler.before("text_join", "person_references", findPeople);
  md.renderer.rules[PERSON_REFERENCE] = (tokens, index, _options, env) =>
    renderPersonHtml(tokens[index]!.meta as unknown as PersonMention, md, (env as MarkdownEnv).baseUrl);
}

/**
 * Not preceded by `[` or `!` and not followed by `]`: `[[[x]]]` and `![[x]]` are a link label
 * and an image that CommonMark did not take, not a person.
 */
const REFERENCE = /(?<![[!])\[\[([^[\]\n]+)\]\](?!\])/g;

/** What follows `[[x]]:` on a line that looks like a reference definition: a link destination. */
const DEFINITION_REST = /^:[ \t]+(?:<[^>\n]*>|[/#.?][^\s]*|[A-Za-z][\w+.-]*:[^\s]*|[^\s]*\/[^\s]*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;

function findPeople(state: StateCore): void {
  const env = state.env as MarkdownEnv;
  const seen = new Set(env.mentioned.map((person) => person.name));
  for (const block of state.tokens) {
    if (block.type === BLOCK_OPEN && (block.meta as BlockMeta).name === "meeting") resolveMeetingWith(block, env, seen);
    // The inline's source holds every `[[` its text can (entities never make brackets).
    if (block.type !== "inline" || !block.content.includes("[[")) continue;
    const children: Token[] = [];
    let linkDepth = 0;
    let lineInBlock = 0;
    let run: Token[] = [];
    const flushRun = (): void => {
      if (run.length > 0) children.push(...withPeople(run, state, env, seen, env.firstLine + (block.map?.[0] ?? 0) + lineInBlock, isLineStart(children)));
      run = [];
    };
    for (const child of block.children ?? []) {
      if (linkDepth === 0 && isLiteral(child)) {
        run.push(child);
        continue;
      }
      flushRun();
      if (child.type === "link_open") linkDepth++;
      if (child.type === "link_close") linkDepth--;
      if (child.type === "softbreak" || child.type === "hardbreak") lineInBlock++;
      children.push(child);
    }
    flushRun();
    block.children = children;
  }
}

/**
 * Tokens whose text is shown as the author typed it: plain text, raw HTML (shown as text) and
 * entities; and emphasis marks and code spans, which markdown-it finds before this rule runs, so
 * that a name holding `*`, `_` or a pair of backticks (`[[*Name*]]`, ``[[`Name`]]``) is still
 * matched as typed rather than silently left as text. (Brackets inside code stay code:
 * withPeople keeps each code span wholly inside a reference or wholly outside it.) An escape
 * (`\[`) is not one: it is how an author keeps brackets from being a person.
 */
const isLiteral = (token: Token): boolean =>
  token.type === "text" ||
  token.type === "html_inline" ||
  token.type === "code_inline" ||
  (token.type === "text_special" && token.info === "entity") ||
  EMPHASIS.has(token.type);

const EMPHASIS = new Set(["em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"]);

/** What the author typed for a literal token (a code span's inner spaces as CommonMark kept them). */
function typedText(token: Token): string {
  if (token.type === "code_inline") return `${token.markup}${token.content}${token.markup}`;
  return token.type === "text_special" || EMPHASIS.has(token.type) ? token.markup : token.content;
}

const isLineStart = (before: Token[]): boolean => before.length === 0 || ["softbreak", "hardbreak"].includes(before.at(-1)!.type);

/**
 * A run of literal tokens, with each person reference in it as a token of its own. Names are
 * matched as typed (an entity as its `&...;`, as in people.yaml); the text around them keeps
 * its tokens.
 */
function withPeople(run: Token[], state: StateCore, env: MarkdownEnv, seen: Set<string>, line: number, atLineStart: boolean): Token[] {
  const typed = run.map(typedText);
  const text = typed.join("");
  if (!text.includes("[[")) return run;
  const mentions: { start: number; end: number; token: Token }[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const end = match.index + match[0].length;
    const [name, shown] = match[1]!.split("|", 2).map((part) => part.trim());
    if (!name) continue;
    if (atLineStart && match.index === 0 && DEFINITION_REST.test(text.slice(end))) continue;
    // Brackets that are code (`` `[[x]]` ``, `` `[[x` ``) are shown as code.
    if (!wholly(run, typed, match.index, end, (token) => token.type === "code_inline")) continue;
    if (!emphasisBalanced(run, typed, match.index, end)) {
      env.problems.error(
        line,
        `[[${match[1]}]] starts or ends inside emphasis (*, _ or ~~) that goes on outside it, so it cannot be read as a person`,
        "put the emphasis wholly inside the brackets or wholly around them, or escape the marks with \\",
      );
      continue;
    }
    const token = new state.Token(PERSON_REFERENCE, "", 0);
    token.meta = mention(name, shown ? state.md.utils.unescapeAll(shown) : name, env, seen, line);
    mentions.push({ start: match.index, end, token });
  }
  if (mentions.length === 0) return run;
  const tokens: Token[] = [];
  let offset = 0;
  run.forEach((token, index) => {
    const start = offset;
    const end = (offset += typed[index]!.length);
    for (let position = start; position < end; ) {
      const next = mentions.find((m) => m.end > position);
      if (!next || next.start >= end) {
        tokens.push(position === start ? token : textToken(state, token.content.slice(position - start)));
        break;
      }
      if (next.start > position) tokens.push(textToken(state, token.content.slice(position - start, next.start - start)));
      if (next.start >= start) tokens.push(next.token);
      position = next.end;
    }
  });
  return tokens;
}

/** Whether each token of the kind lies wholly inside [start, end) of the run's typed text or wholly outside it. */
function wholly(run: Token[], typed: string[], start: number, end: number, kind: (token: Token) => boolean): boolean {
  let offset = 0;
  return run.every((token, index) => {
    const from = offset;
    offset += typed[index]!.length;
    return !kind(token) || (from >= start && offset <= end) || offset <= start || from >= end;
  });
}

/** Whether every emphasis mark inside [start, end) of the run's typed text is opened and closed there. */
function emphasisBalanced(run: Token[], typed: string[], start: number, end: number): boolean {
  let depth = 0;
  let offset = 0;
  for (const [index, token] of run.entries()) {
    const from = offset;
    offset += typed[index]!.length;
    if (!EMPHASIS.has(token.type)) continue;
    const inside = from >= start && offset <= end;
    const outside = offset <= start || from >= end;
    if (!inside && !outside) return false;
    if (inside) depth += token.nesting;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function mention(name: string, shown: string, env: MarkdownEnv, seen: Set<string>, line: number): PersonMention {
  const person = env.people.get(name);
  if (!person) {
    env.problems.error(
      line,
      `no one called "${name}" is in the people directory or this episode's people${didYouMean(name, [...env.people.keys()])}`,
      "fix the name, or add the person to people.yaml or to this episode's `people:` list",
    );
    return { name, shown };
  }
  const first = !seen.has(person.name);
  if (first) {
    seen.add(person.name);
    env.mentioned.push(person);
  }
  return { name, shown, person, first };
}

function textToken(state: StateCore, content: string): Token {
  const token = new state.Token("text", "", 0);
  token.content = content;
  return token;
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
