import { didYouMean } from "../problems/did-you-mean.ts";
import type { ProblemList } from "../problems/problem.ts";
import { BLOCK_NAMES, QUOTE_SEPARATOR_LINE } from "./markdown.ts";

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CONTAINER = /^ {0,3}(:{3,})\s*([^\s:]*)/;

interface OpenBlock {
  name: string;
  colons: number;
  line: number;
  separators: number;
}

/**
 * Reads the body line by line for what markdown-it would silently forgive: blocks left open,
 * unknown block names, nesting with too many colons. It also marks each quote's own `---`
 * line so markdown-it never takes it for a setext heading. Line count is kept, so
 * markdown-it's line numbers stay the file's.
 */
export function scanBlocks(body: string, firstLine: number, problems: ProblemList): string {
  const lines = body.split("\n");
  const open: OpenBlock[] = [];
  let fence: string | undefined;

  lines.forEach((text, index) => {
    const line = firstLine + index;
    const fenceMatch = FENCE.exec(text);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined;
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      return;
    }
    const top = open.at(-1);
    if (top?.name === "quote" && text.trim() === "---") {
      top.separators += 1;
      if (top.separators > 1) {
        problems.error(line, "this quote has a second `---` line", "a quote has one `---` line, between the original and its translation");
      }
      lines[index] = QUOTE_SEPARATOR_LINE;
      return;
    }
    const container = CONTAINER.exec(text);
    if (!container) return;
    const colons = container[1]!.length;
    const name = container[2]!;
    if (name === "") {
      closeBlock(open, colons, line, problems);
      return;
    }
    if (!(BLOCK_NAMES as readonly string[]).includes(name)) {
      problems.error(line, `"${name}" is not a kind of block${didYouMean(name, BLOCK_NAMES)}`, `use one of: ${BLOCK_NAMES.join(", ")}`);
      return;
    }
    if (top && colons >= top.colons) {
      problems.error(
        line,
        `this ${name} block is inside the ${top.name} block of line ${top.line} but has as many colons`,
        `give the outer block more colons than the inner one, e.g. ${":".repeat(colons + 1)} ${top.name} around ${":".repeat(colons)} ${name}`,
      );
    }
    if (name === "meeting" && open.some((block) => block.name === "meeting")) {
      problems.error(line, "a meeting is inside another meeting", "close the first meeting before the next one starts");
    }
    open.push({ name, colons, line, separators: 0 });
  });

  for (const block of open) {
    problems.error(
      block.line,
      `the ${block.name} block opened here is never closed`,
      `add a line holding only ${":".repeat(block.colons)} where it ends`,
    );
  }
  return lines.join("\n");
}

function closeBlock(open: OpenBlock[], colons: number, line: number, problems: ProblemList): void {
  const top = open.at(-1);
  if (!top) {
    problems.error(line, "this closing `" + ":".repeat(colons) + "` has no block to close", "remove it, or add the block's opening line above");
    return;
  }
  // markdown-it-container closes a block at the first line with at least as many colons.
  if (colons >= top.colons) {
    open.pop();
    return;
  }
  problems.error(
    line,
    `this \`${":".repeat(colons)}\` cannot close the ${top.name} block of line ${top.line}`,
    `close it with ${":".repeat(top.colons)}, as many colons as it opened with`,
  );
}
