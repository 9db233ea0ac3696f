import { describe, expect, it } from "vitest";
import { withOwnStrings } from "../../src/text/own-strings.ts";

// readEpisodeText passes every parsed text through withOwnStrings: it must change no value an output reads.
describe("withOwnStrings", () => {
  it("leaves every value equal, shared objects shared, and dates, numbers and booleans as they are", () => {
    const source = "---\ntitle: A title long enough to be a slice\n---\nBody text of the episode, 日本語 and emoji 🎙️.";
    const person = { name: source.slice(11, 44), native: "高市早苗" };
    const date = new Date("2025-01-16T00:00:00Z");
    const episode = {
      title: source.slice(11, 44),
      date,
      explicit: false,
      number: 7,
      missing: undefined,
      people: [person, person],
      sections: [{ blocks: [{ kind: "prose", html: "<p>" + source.slice(52) + "</p>", text: source.slice(52) }] }],
    };
    const expected = structuredClone(episode);

    const result = withOwnStrings(episode);

    expect(result).toBe(episode);
    expect(result).toEqual(expected);
    expect(result.people[0]).toBe(result.people[1]);
    expect(result.date).toBe(date);
  });

  it("returns a string as it reads, of any length", () => {
    for (const text of ["", "short", "exactly 13 ch", "a".repeat(10_000), "日本語のテキスト、十三文字以上あります"]) expect(withOwnStrings(text)).toBe(text);
  });
});
