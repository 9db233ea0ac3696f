import { describe, expect, it } from "vitest";
import { languageTagMistake } from "../../src/language/language-tag.ts";

// Expected tags and names are the IANA registry's and CLDR's, as an author would look them up.
describe("languageTagMistake", () => {
  it("accepts valid tags of the registry, in any case, with script, region and private use", () => {
    for (const tag of ["ko", "ja", "zh", "zh-Hans", "zh-Hant-TW", "ko-KR", "ko-kr", "KO", "ko-Hani", "yue", "en-GB", "en-Latn", "x-cast"]) {
      expect(languageTagMistake(tag), tag).toBeUndefined();
    }
  });

  it("names the language of a language's name: korean is ko, english is en", () => {
    expect(languageTagMistake("korean")).toEqual({ problem: "is a language's name, not its tag; did you mean ko, Korean?", suggestion: "ko" });
    expect(languageTagMistake("English")).toEqual({ problem: "is a language's name, not its tag; did you mean en, English?", suggestion: "en" });
    expect(languageTagMistake("japanese")?.suggestion).toBe("ja");
  });

  it("tells a country's code from its language: jp is Japan, cn is China", () => {
    expect(languageTagMistake("jp")).toEqual({ problem: "is the country code of Japan, not a language; did you mean ja, Japanese?", suggestion: "ja" });
    expect(languageTagMistake("cn")?.suggestion).toBe("zh");
  });

  it("suggests hyphens for underscores, and the current code for a deprecated one", () => {
    expect(languageTagMistake("ko_KR")?.suggestion).toBe("ko-KR");
    expect(languageTagMistake("zh_Hant_TW")?.suggestion).toBe("zh-Hant-TW");
    expect(languageTagMistake("iw")).toEqual({ problem: "is an old code, no longer in use; did you mean he, Hebrew?", suggestion: "he" });
    expect(languageTagMistake("zh-yue")?.suggestion).toBe("yue");
  });

  it("refuses what is not in the registry, saying why, without inventing a tag", () => {
    expect(languageTagMistake("xx")).toEqual({ problem: "is not a language tag of the IANA registry (unknown code 'xx')" });
    expect(languageTagMistake("ja-JA")?.problem).toBe("is not a language tag of the IANA registry (extra language subtag 'ja' found)");
    expect(languageTagMistake("not_a_tag")?.suggestion).toBeUndefined();
  });

  it("leaves kr alone without text to judge by: it is Kanuri, a language of the registry", () => {
    expect(languageTagMistake("kr")).toBeUndefined();
  });
});
