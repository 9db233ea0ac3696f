import type { MarkdownIt, StateBlock, Token } from "markdown-it";
import { didYouMean } from "../problems/did-you-mean.ts";
import type { MarkdownEnv } from "./markdown.ts";
import type { PersonMention } from "./person-references.ts";

export const BLOCK_NAMES = ["quote", "meeting", "reading", "note"] as const;
export type BlockName = (typeof BLOCK_NAMES)[number];

/** What the block tokens carry in `meta`; `name` is undefined for a block of a name castpress does not know. */
export type BlockMeta = {
  name: BlockName | undefined;
  /** Reported as not closed: what it holds is not checked further, as its end is a guess. */
  unclosed?: boolean;
  /** A meeting's `with` when it names a known person (meeting-person.ts). */
  withPerson?: PersonMention;
};

/** Token types of castpress's blocks; `info` holds the opening line's attributes. */
export const BLOCK_OPEN = "castpress_block_open";
export const BLOCK_CLOSE = "castpress_block_close";
export const QUOTE_SEPARATOR = "quote_separator";

/** Block rules end only at a block's start: markdown-it's own constructs keep their lines. */
const INTERRUPTS = { alt: ["paragraph", "reference", "blockquote", "list"] };

/**
 * castpress's blocks (`::: quote ... :::`) and the quote's `---` separator as markdown-it block
 * rules, so that CommonMark decides what is a block start: a `:::` or `---` line inside a fence,
 * indented code, a list item or a block quote is what CommonMark says it is there.
 * markdown-it-container is not used: it finds a block's end by reading raw lines, so a `:::`
 * inside a fenced code block would close the block around it.
 */
export function blockSyntax(md: MarkdownIt): void {
  md.block.ruler.before("fence", "castpress_block", castpressBlock, INTERRUPTS);
  md.block.ruler.before("hr", "quote_separator", quoteSeparator, INTERRUPTS);
  const lheading = md.block.ruler.__rules__.find((rule) => rule.name === "lheading")!.fn;
  // CommonMark reads `text` over `---` as a setext heading; directly in a quote, the `---` is the separator.
  md.block.ruler.at("lheading", (state, startLine, endLine, silent) =>
    lheading(state, startLine, directlyIn(state, "quote") ? separatorBefore(state, startLine, endLine) : endLine, silent),
  );
  // Nor is it a one-column table's delimiter row under a line holding `|` (or `\|`).
  const table = md.block.ruler.__rules__.find((rule) => rule.name === "table")!.fn;
  md.block.ruler.at("table", (state, startLine, endLine, silent) =>
    table(state, startLine, directlyIn(state, "quote") ? separatorBefore(state, startLine, endLine) : endLine, silent),
  );
  for (const type of [BLOCK_OPEN, BLOCK_CLOSE, QUOTE_SEPARATOR]) md.renderer.rules[type] = () => "";
}

/** A block being parsed. Lines are the body's, 0-based. */
interface OpenBlock {
  name: BlockName | undefined;
  token: Token;
  colons: number;
  line: number;
  /** Level of its open token; its own content is one level deeper. */
  level: number;
  blkIndent: number;
  separators: number;
  closed: boolean;
  /** The line after its closing line, once that is found. */
  end?: number;
}

interface BlockState {
  open: OpenBlock[];
  /** Once a block was reported unclosed, stray closing lines are its consequence, not news. */
  reportedUnclosed: boolean;
}

const states = new WeakMap<StateBlock, BlockState>();
const blockState = (state: StateBlock): BlockState => {
  let found = states.get(state);
  if (!found) states.set(state, (found = { open: [], reportedUnclosed: false }));
  return found;
};

/**
 * Set as `blkIndent` to end markdown-it's tokenize loop at the next line: the loop stops at a
 * line indented less than blkIndent, and this is how a closing `:::` ends its block's content.
 */
const END_OF_BLOCK = Number.MAX_SAFE_INTEGER;

const innermost = (state: StateBlock): OpenBlock | undefined => blockState(state).open.at(-1);

/** True where the line being parsed is the block's own content, not inside a list or block quote within it. */
function isDirectlyIn(state: StateBlock, block: OpenBlock | undefined): boolean {
  return block !== undefined && state.level === block.level + 1;
}

function directlyIn(state: StateBlock, name: BlockName): boolean {
  const block = innermost(state);
  return isDirectlyIn(state, block) && block!.name === name;
}

function colonLine(state: StateBlock, line: number): { colons: number; rest: string } | undefined {
  if (state.sCount[line]! - state.blkIndent >= 4) return undefined;
  const start = state.bMarks[line]! + state.tShift[line]!;
  const max = state.eMarks[line]!;
  let pos = start;
  while (pos < max && state.src.charCodeAt(pos) === 0x3a /* : */) pos++;
  if (pos - start < 3) return undefined;
  return { colons: pos - start, rest: state.src.slice(pos, max).trim() };
}

/** `name` and `key=value` pairs only: what an opening line looks like, unlike prose that starts with `:::`. */
const OPENING_LINE = /^[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*=(?:"[^"]*"|\S+))*$/;

function castpressBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const marker = colonLine(state, startLine);
  if (!marker) return false;
  if (marker.rest === "") return closingLine(state, startLine, marker.colons, silent);
  const word = marker.rest.split(/\s/, 1)[0]!;
  const name = (BLOCK_NAMES as readonly string[]).includes(word) ? (word as BlockName) : undefined;
  if (!name && !OPENING_LINE.test(marker.rest)) return false;
  if (silent) return true;

  const env = state.env as MarkdownEnv;
  const fileLine = env.firstLine + startLine;
  if (!name) {
    env.problems.error(fileLine, `"${word}" is not a kind of block${didYouMean(word, BLOCK_NAMES)}`, `use one of: ${BLOCK_NAMES.join(", ")}`);
  }
  const blocks = blockState(state);
  // A block directly inside another has fewer colons; as many means the one above was left open.
  let endedHere = false;
  for (let above = blocks.open.at(-1); above && isDirectlyIn(state, above) && marker.colons >= above.colons; above = blocks.open.at(-1)) {
    report(
      state,
      above,
      `the ${describe(above)} opened here is not closed before the ${name ?? word} block of line ${fileLine}`,
      `close it with a line holding only ${":".repeat(above.colons)} above line ${fileLine}; or, to put the ${name ?? word} block inside it, open the ${above.name ?? "outer"} block with more colons: ${":".repeat(marker.colons + 1)} ${above.name ?? ""}`.trimEnd(),
    );
    closeBlock(state, above);
    endedHere = true;
  }
  if (name === "meeting" && blocks.open.some((block) => block.name === "meeting")) {
    env.problems.error(fileLine, "a meeting is inside another meeting", "close the first meeting before the next one starts");
  }
  openBlock(state, startLine, endLine, name, marker);
  // The blocks closed above were being parsed by the loops this rule runs in: end them too.
  if (endedHere) state.blkIndent = END_OF_BLOCK;
  return true;
}

function openBlock(state: StateBlock, startLine: number, endLine: number, name: BlockName | undefined, marker: { colons: number; rest: string }): void {
  const open = state.push(BLOCK_OPEN, "div", 1);
  open.info = marker.rest;
  open.markup = ":".repeat(marker.colons);
  open.map = [startLine, startLine + 1];
  open.meta = { name } satisfies BlockMeta;
  const block: OpenBlock = { name, token: open, colons: marker.colons, line: startLine, level: open.level, blkIndent: state.blkIndent, separators: 0, closed: false };
  const { open: stack } = blockState(state);
  stack.push(block);
  const parent = stack.at(-2);
  const parentType = state.parentType;
  state.parentType = "castpress_block" as StateBlock["parentType"];
  state.md.block.tokenize(state, startLine + 1, endLine);
  state.parentType = parentType;
  state.blkIndent = block.blkIndent;
  if (!block.closed) {
    // The end of the episode, or of the list item or block quote the block stands in.
    const fence = unclosedFence(state);
    if (fence) {
      const env = state.env as MarkdownEnv;
      report(
        state,
        block,
        `the ${describe(block)} opened here is never closed: the code fence of line ${env.firstLine + fence.map![0]} is never closed, so everything below it is code`,
        `close the fence with a line holding only ${fence.markup}, then close the block with ${":".repeat(block.colons)}`,
      );
    } else {
      report(state, block, `the ${describe(block)} opened here is never closed`, `add a line holding only ${":".repeat(block.colons)} where it ends`);
    }
    closeBlock(state, block);
  }
  if (block.end !== undefined) state.line = block.end;
  open.map[1] = state.line;
  if (parent?.closed) state.blkIndent = END_OF_BLOCK;
}

function closingLine(state: StateBlock, line: number, colons: number, silent: boolean): boolean {
  const blocks = blockState(state);
  const top = blocks.open.at(-1);
  // A closing line ends any list, block quote or paragraph it follows, as a closing fence would.
  if (silent) return blocks.open.some((block) => colons >= block.colons);
  const env = state.env as MarkdownEnv;
  const fileLine = env.firstLine + line;
  if (!top || !isDirectlyIn(state, top)) {
    if (top) {
      env.problems.error(
        fileLine,
        `this \`${":".repeat(colons)}\` is inside a list item or block quote, so it cannot close the ${describe(top)} of line ${env.firstLine + top.line}`,
        "start the closing line at the left margin, outside the list or block quote",
      );
    } else if (!blocks.reportedUnclosed) {
      env.problems.error(fileLine, `this closing \`${":".repeat(colons)}\` has no block to close`, "remove it, or add the block's opening line above");
    }
    state.line = line + 1;
    return true;
  }
  if (colons < top.colons) {
    env.problems.error(fileLine, `this \`${":".repeat(colons)}\` cannot close the ${describe(top)} of line ${env.firstLine + top.line}`, `close it with ${":".repeat(top.colons)}, as many colons as it opened with`);
    state.line = line + 1;
    return true;
  }
  // A closing line ends the innermost block, or, with as many colons as one around it, that one:
  // the blocks inside it were left open.
  const chain = [top];
  for (let above = blocks.open.length - 2; above >= 0 && chain.at(-1)!.level === blocks.open[above]!.level + 1; above--) chain.push(blocks.open[above]!);
  const target = chain.find((block) => block.colons === colons) ?? top;
  for (const inner of chain.slice(0, chain.indexOf(target))) {
    report(state, inner, `the ${describe(inner)} opened here is not closed before line ${fileLine}, which closes the ${describe(target)} of line ${env.firstLine + target.line}`, `add a line holding only ${":".repeat(inner.colons)} where it ends`);
    closeBlock(state, inner);
  }
  closeBlock(state, target);
  target.end = line + 1;
  state.line = line + 1;
  state.blkIndent = END_OF_BLOCK;
  return true;
}

/** Pushes the block's close token and takes it off the stack of open blocks. */
function closeBlock(state: StateBlock, block: OpenBlock): void {
  const close = state.push(BLOCK_CLOSE, "div", -1);
  close.meta = { name: block.name } satisfies BlockMeta;
  block.closed = true;
  const stack = blockState(state).open;
  stack.splice(stack.indexOf(block), 1);
}

function report(state: StateBlock, block: OpenBlock, message: string, hint: string): void {
  const env = state.env as MarkdownEnv;
  env.problems.error(env.firstLine + block.line, message, hint);
  (block.token.meta as BlockMeta).unclosed = true;
  blockState(state).reportedUnclosed = true;
}

/** The fence the block's content ends with, when it runs to the end because nothing closes it. */
function unclosedFence(state: StateBlock): Token | undefined {
  const last = state.tokens.at(-1);
  if (last?.type !== "fence" || !last.map) return undefined;
  const closing = last.map[1] - 1;
  if (closing <= last.map[0]) return last;
  const text = state.src.slice(state.bMarks[closing]! + state.tShift[closing]!, state.eMarks[closing]).trimEnd();
  const marker = last.markup[0]!;
  return text.length >= last.markup.length && [...text].every((char) => char === marker) ? undefined : last;
}

const describe = (block: OpenBlock): string => `${block.name ?? "unknown"} block`;

function isSeparatorLine(state: StateBlock, line: number): boolean {
  if (state.sCount[line]! - state.blkIndent >= 4) return false;
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]).trimEnd() === "---";
}

/** The first line holding only `---` in the paragraph that starts at startLine, or endLine. */
function separatorBefore(state: StateBlock, startLine: number, endLine: number): number {
  for (let line = startLine + 1; line < endLine && !state.isEmpty(line); line++) {
    if (isSeparatorLine(state, line)) return line;
  }
  return endLine;
}

function quoteSeparator(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.src.charCodeAt(state.bMarks[startLine]! + state.tShift[startLine]!) !== 0x2d /* - */) return false;
  const quote = innermost(state);
  if (quote?.name !== "quote" || !isSeparatorLine(state, startLine)) return false;
  // A table's rows run on until a line that starts a block: the separator is one.
  const inTable = silent && state.parentType === "table" && state.blkIndent === quote.blkIndent;
  if (!isDirectlyIn(state, quote) && !inTable) return false;
  if (silent) return true;
  const token = state.push(QUOTE_SEPARATOR, "", 0);
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  quote.separators += 1;
  if (quote.separators > 1) {
    const env = state.env as MarkdownEnv;
    env.problems.error(env.firstLine + startLine, "this quote has a second `---` line", "a quote has one `---` line, between the original and its translation; for a rule inside it, write *** instead");
  }
  return true;
}
