import { describe, expect, it } from "vitest";
import { languageOfScript, scriptMismatch } from "../../src/language/script-mismatch.ts";

const KOREAN = "이재명 대통령은 미래를 향해 나아가겠다고 말했다.";
const JAPANESE = "日本の首相は対話を続ける考えを示した。";
const CHINESE = "推进包括青年议员和地方领导人在内的各层级人员交流往来。";

describe("scriptMismatch", () => {
  it("accepts each CJK text under its own language", () => {
    expect(scriptMismatch(KOREAN, "ko")).toBeUndefined();
    expect(scriptMismatch(KOREAN, "ko-KR")).toBeUndefined();
    expect(scriptMismatch(JAPANESE, "ja")).toBeUndefined();
    expect(scriptMismatch(CHINESE, "zh")).toBeUndefined();
    expect(scriptMismatch(CHINESE, "ja")).toBeUndefined(); // Japanese can be all kanji (a name, a headline)
    expect(scriptMismatch("Lee Jae-myung (이재명) said so.", "en")).toBeUndefined(); // a name in passing
  });

  it("calls Hangul under kr an error: kr is Kanuri, KR is Korea", () => {
    expect(scriptMismatch(KOREAN, "kr")).toEqual({
      severity: "error",
      problem: "is Kanuri; did you mean ko, Korean?",
      hint: "write ko; a text in Hangul is Korean",
      suggestion: "ko",
    });
  });

  it("warns of Hangul under another language, kana under Chinese, and Chinese characters alone under Korean", () => {
    expect(scriptMismatch(KOREAN, "ja")).toMatchObject({ severity: "warning", problem: "is Japanese, but the text is in Hangul", suggestion: "ko" });
    expect(scriptMismatch(KOREAN, "en")).toMatchObject({ severity: "warning", suggestion: "ko" });
    expect(scriptMismatch(JAPANESE, "zh")).toMatchObject({ severity: "warning", problem: "is Chinese, but the text has kana", suggestion: "ja" });
    expect(scriptMismatch(JAPANESE, "zh-Hant")).toMatchObject({ severity: "warning", suggestion: "ja" });
    expect(scriptMismatch(JAPANESE, "yue")).toMatchObject({ severity: "warning", suggestion: "ja" });
    expect(scriptMismatch("李在明", "ko")).toMatchObject({ severity: "warning", problem: "is Korean, but the text is in Chinese characters only" });
  });

  it("accepts Korean in Hanja when the tag says so, and leaves invalid tags to the tag check", () => {
    expect(scriptMismatch("李在明", "ko-Hani")).toBeUndefined();
    expect(scriptMismatch(KOREAN, "korean")).toBeUndefined();
  });

  it("leaves alone tags of the registry that name no script: private use and grandfathered ones", () => {
    expect(scriptMismatch(KOREAN, "x-cast")).toBeUndefined();
    expect(scriptMismatch(KOREAN, "i-default")).toBeUndefined();
  });
});

describe("languageOfScript", () => {
  it("knows Korean by Hangul and Japanese by kana, and does not guess for Chinese characters alone", () => {
    expect(languageOfScript(KOREAN)).toBe("ko");
    expect(languageOfScript(JAPANESE)).toBe("ja");
    expect(languageOfScript(CHINESE)).toBeUndefined();
    expect(languageOfScript("Hello")).toBeUndefined();
  });
});
