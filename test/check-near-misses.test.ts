import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { FIXTURES } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/**
 * Mistakes that look almost right, each in test/fixtures/check-near-misses/ once: `check`
 * names each at its line with the fix, and reports the one cause, not its consequences.
 */
describe("castpress check names the near-misses", () => {
  it("reports each with file:line and the fix, and nothing that follows from another", async () => {
    const result = await runInProcess(check, { root: path.join(FIXTURES, "check-near-misses") }, []);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `castpress.yaml:5: language "english" is a language's name, not its tag; did you mean en, English? — write the site's language as a BCP 47 tag such as "en", "en-GB" or "ko"`,
      // One cause: the typo. Cho Hyun is still known, so the episode naming him has no error.
      `people.yaml:2: unknown key "natve" in entry 1 (did you mean "native"?) — use one of: name, native, lang, role`,
      `people.yaml:7: the lang "kr" of "Kim Min-seok" (김민석) is Kanuri; did you mean ko, Korean? — write ko; a text in Hangul is Korean`,
      `people.yaml:10: warning: the lang "ko" of "Lee Jae-myung" (李在明) is Korean, but the text is in Chinese characters only — write zh (or zh-Hant) if it is Chinese, ja if Japanese, and ko-Hani if it is Korean written in Hanja`,
      // The example is the name's own script's language (Hangul: ko), then the site's other languages.
      `people.yaml:13: "Wi Sung-lac" has a native name but no lang — add lang: ko (or ja, zh-Hans, ...) so the right glyphs are chosen`,
      `episodes/2025-10-23-date-mismatch.md:3: warning: the file name is dated 2025-10-23 but the episode's date is 2025-10-30 — rename the file to 2025-10-30-date-mismatch.md (its URL stays /episodes/date-mismatch/), or fix the date`,
      // The site's zone is Asia/Seoul, nine hours ahead of UTC.
      `episodes/2025-10-24-no-offset.md:3: the date "2025-10-24T09:00:00" has a time but no offset, so it could be any of 24 moments — add an offset such as +09:00: 2025-10-24T09:00:00+09:00 (or Z for UTC)`,
      `episodes/2025-10-25-languages.md:6: warning: this meeting is with "Takaichi Sana", who is not in the people directory or this episode's people (did you mean "Takaichi Sanae"?) — fix the name, so the meeting links to the person's page; or add the person to people.yaml`,
      `episodes/2025-10-25-languages.md:14: lang=kr is Kanuri; did you mean ko, Korean? — write ko; a text in Hangul is Korean`,
      `episodes/2025-10-25-languages.md:20: lang=korean is a language's name, not its tag; did you mean ko, Korean? — write lang=ko`,
      `episodes/2025-10-25-languages.md:26: warning: lang=zh is Chinese, but the text has kana — write ja: kana are Japanese, and Chinese is written in Chinese characters only`,
      `episodes/2025-10-25-languages.md:32: warning: this quote has no lang, so it is taken as the site's language, which is English, but the text is in Hangul — add lang=ko to its opening line`,
    ]);
    expect(result.stdout.trim()).toBe("7 errors, 5 warnings: fix the errors above, then run npx castpress check again");
    expect(result.code).toBe(1);
  });
});
