import type { MarkdownIt, StateCore } from "markdown-it";
import type { MarkdownEnv } from "./markdown.ts";

/** `[MM:SS]` or `[H:MM:SS]` at the start of a section heading. */
const STAMP = /^\[(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\]\s*/;

/** What an author may type for a stamp and mean one: `[00.32]`, `(00:32)`, `[00:32` ... */
const NEAR_MISS = /^[[(]\s*\d{1,2}(?:\s*[:.]\s*\d{1,2}){1,2}\s*[\])]?/;

/** Keeps `start` (seconds) on a section heading's open token. */
export type HeadingMeta = {
  start?: number;
};

/**
 * Takes the `[MM:SS]` stamp off each `##` section heading (a heading at the top level; one in
 * a list, block quote or block is not a section) before the inline parse, so it is never text.
 */
export function chapterStamps(md: MarkdownIt): void {
  md.core.ruler.after("block", "chapter_stamps", takeStamps);
}

function takeStamps(state: StateCore): void {
  const env = state.env as MarkdownEnv;
  state.tokens.forEach((token, index) => {
    if (token.type !== "heading_open" || token.tag !== "h2" || token.level !== 0) return;
    const inline = state.tokens[index + 1]!;
    const line = env.firstLine + (token.map?.[0] ?? 0);
    const match = STAMP.exec(inline.content);
    if (!match) {
      const nearMiss = NEAR_MISS.exec(inline.content);
      if (nearMiss) {
        const digits = nearMiss[0].replace(/[^\d:.]/g, "").replace(/\./g, ":");
        env.problems.warning(
          line,
          `this heading starts with "${nearMiss[0].trim()}", which is not a chapter stamp, so it stays in the heading's text`,
          `to make the heading a chapter, write the stamp as [${digits}]; to keep it as text, write a backslash before its first bracket`,
        );
      }
      return;
    }
    const [, hours = "0", minutes = "0", seconds = "0"] = match;
    if (Number(seconds) > 59 || (match[1] !== undefined && Number(minutes) > 59)) {
      env.problems.error(line, `the chapter stamp "${match[0].trim()}" is not a time`, "write it as [MM:SS] or [HH:MM:SS], with seconds and minutes under 60");
      return;
    }
    token.meta = { start: Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) } satisfies HeadingMeta;
    inline.content = inline.content.slice(match[0].length);
  });
}
