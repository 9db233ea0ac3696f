import { describe, expect, it } from "vitest";
import { episodeText, parseEpisodeText } from "./support/episode-text.ts";

/**
 * Regression, found by test/property-episodes.test.ts: in a quote, a line holding `|` (as in
 * Mailchimp's `*|UNSUB|*`, or escaped `\|`) right above the `---` separator made markdown-it
 * read the two lines as a one-column table, so the translation was published as part of the
 * original, in the original's language, and nothing was reported.
 */
describe("a quote whose original ends in a line holding |", () => {
  it("keeps its --- as the separator: the original and the translation, each in its language", async () => {
    for (const line of ["Write to \\*\\|UNSUB\\|\\* now", "a | b", "x\\|y"]) {
      const { episode, lines } = await parseEpisodeText(episodeText(`\n::: quote lang=zh\n${line}\n---\nThe translation.\n:::\n`));
      expect(lines).toEqual([]);
      const quote = episode!.sections[0]!.blocks[0]!;
      expect(quote.kind === "quote" && { original: quote.original.text, translation: quote.translation?.text, lang: quote.original.lang }, line).toEqual({
        original: line.replace(/\\/g, ""),
        translation: "The translation.",
        lang: "zh",
      });
    }
  });

  it("still holds a real table above its separator", async () => {
    const { episode } = await parseEpisodeText(episodeText("\n::: quote lang=zh\n| a | b |\n| - | - |\n| 1 | 2 |\n---\nThe translation.\n:::\n"));
    const quote = episode!.sections[0]!.blocks[0]!;
    expect(quote.kind === "quote" && quote.original.html).toContain("<td>2</td>");
    expect(quote.kind === "quote" && quote.translation?.text).toBe("The translation.");
  });
});
