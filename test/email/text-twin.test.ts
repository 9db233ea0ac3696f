import { describe, expect, it } from "vitest";
import { underline } from "../../src/email/text-twin.ts";

// Widths as a terminal shows them (Unicode East Asian Width, UTS #11; emoji presentation two
// columns; combining marks none), counted here by hand for each heading.
describe("underline", () => {
  it.each([
    ["Background", 10],
    ["한반도의 미래", 13], // six wide Hangul syllables and a space
    ["日米首脳会談", 12], // six wide kanji
    ["ＡＰＥＣ", 8], // fullwidth Latin letters are wide
    ["Summit 🇰🇷🇯🇵", 11], // two flags, each a pair of regional indicators shown as one wide emoji
    ["Family 👨‍👩‍👧", 9], // a ZWJ sequence is one wide emoji
    ["Cafe\u0301 re\u0301sume\u0301", 11], // combining acute accents take no column
    ["𠮷野家", 6], // a wide ideograph above U+FFFF (a surrogate pair in UTF-16)
  ])("underlines %s with as many columns as it takes", (heading, columns) => {
    expect(underline(heading, "-")).toBe(`${heading}\n${"-".repeat(columns)}`);
  });

  it("draws at least three, under a short heading", () => {
    expect(underline("Q", "=")).toBe("Q\n===");
  });
});
