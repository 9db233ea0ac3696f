import type { Token } from "markdown-it";
import type { ProblemList } from "../problems/problem.ts";

/**
 * How deep blocks, lists and `>` quotes may sit inside each other. Each level indents the
 * email by 20 to 32 px (templates/email/styles.njk); below eight, a 320 px phone has too
 * little width left for a word per line. It also keeps far below markdown-it's own limit
 * (100 token levels), past which it silently drops the rest of the text.
 */
export const MAX_NESTING_DEPTH = 8;

/** Opening tokens that are no level of their own to an author: a list item is its list's. */
const NOT_A_LEVEL = new Set([
  "paragraph_open",
  "heading_open",
  "list_item_open",
  "thead_open",
  "tbody_open",
  "tr_open",
  "th_open",
  "td_open",
  "footnote_block_open",
  "footnote_open",
]);

/** Reports each place the body nests deeper than MAX_NESTING_DEPTH, at the line it goes too deep. */
export function checkNestingDepth(tokens: readonly Token[], firstLine: number, problems: ProblemList): void {
  const counted: boolean[] = [];
  let depth = 0;
  let reported = false;
  for (const token of tokens) {
    if (token.nesting === 1) {
      const level = !NOT_A_LEVEL.has(token.type);
      counted.push(level);
      if (!level) continue;
      depth++;
      if (depth > MAX_NESTING_DEPTH && !reported) {
        reported = true;
        problems.error(
          firstLine + (token.map?.[0] ?? 0),
          `this is nested ${MAX_NESTING_DEPTH + 1} levels deep (blocks, lists and > quotes inside each other); castpress renders at most ${MAX_NESTING_DEPTH}`,
          `take it out of a level or two: an email on a phone has no width left for text deeper than ${MAX_NESTING_DEPTH}`,
        );
      }
    } else if (token.nesting === -1 && counted.pop()) {
      depth--;
      if (depth <= MAX_NESTING_DEPTH) reported = false;
    }
  }
}
