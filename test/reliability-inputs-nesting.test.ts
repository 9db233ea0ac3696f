import { describe, expect, it } from "vitest";
import { episodeText, parseEpisodeText } from "./support/episode-text.ts";

/** `depth` notes inside each other (the outer one with the most colons), the innermost holding `text`. */
function nestedNotes(depth: number, text: string): string {
  const fence = (level: number) => ":".repeat(3 + depth - level);
  const opening = Array.from({ length: depth }, (_, level) => `${fence(level)} note\nLevel ${level + 1}.\n`);
  const closing = Array.from({ length: depth }, (_, level) => fence(depth - 1 - level));
  return `\n${opening.join("\n")}\n${text}\n\n${closing.join("\n\n")}\n`;
}

const limit = (depth: number) =>
  `this is nested ${depth} levels deep (blocks, lists and > quotes inside each other); castpress renders at most 8 — take it out of a level or two: an email on a phone has no width left for text deeper than 8`;

/**
 * Regression (issue 12): markdown-it stops at 100 levels of nesting and silently drops the
 * rest of the text; deep nesting below that leaves an email on a phone no width for text.
 */
describe("nesting deeper than the outputs can render", () => {
  it("is refused at the line that goes too deep, naming the limit: blocks, lists and > quotes alike", async () => {
    const notes = await parseEpisodeText(episodeText(nestedNotes(9, "The deepest words.")));
    // Lines 1-4 are front matter, line 5 is blank; each note's opening and text take three lines.
    expect(notes.lines).toEqual([`episodes/2025-01-16-sample.md:${6 + 8 * 3}: ${limit(9)}`]);
    // Line 6 is "Intro.", 7 is blank, item n is on line 7 + n.
    const list = Array.from({ length: 12 }, (_, level) => `${"  ".repeat(level)}- item ${level + 1}`).join("\n");
    expect((await parseEpisodeText(episodeText(`\nIntro.\n\n${list}\n`))).lines).toEqual([`episodes/2025-01-16-sample.md:${7 + 9}: ${limit(9)}`]);
    // 200 levels, where markdown-it gives up and drops the text: refused, not published without it.
    const quotes = await parseEpisodeText(episodeText(`\n${">".repeat(200)} The deepest words.\n\nAfter.\n`));
    expect(quotes.lines).toEqual([`episodes/2025-01-16-sample.md:6: ${limit(9)}`]);
    expect(quotes.episode).toBeUndefined();
  });

  it("up to the limit, is published with every word", async () => {
    const { episode, lines } = await parseEpisodeText(episodeText(nestedNotes(8, "The deepest words.")));
    expect(lines).toEqual([]);
    let blocks = episode!.sections[0]!.blocks;
    for (let level = 1; level <= 8; level++) {
      const note = blocks.find((block) => block.kind === "note");
      expect(note, `level ${level}`).toBeDefined();
      blocks = note!.kind === "note" ? note!.blocks : [];
    }
    expect(blocks.map((block) => (block.kind === "prose" ? block.text : "")).join("\n")).toContain("The deepest words.");
  });
});
