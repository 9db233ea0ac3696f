import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { FIXTURES, type CliResult } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

// One episode file per mistake the issue lists (the file name says which), plus one file
// with five mistakes of different kinds, and two files that share a slug.
const project = path.join(FIXTURES, "check-errors");

describe("castpress check on a project full of mistakes", () => {
  let result: CliResult;
  let reported: string[];
  beforeAll(async () => {
    result = await runInProcess(check, { root: project }, []);
    reported = result.stderr.trimEnd().split("\n");
  });

  it("reports every problem of every file in one run, each as file:line: what is wrong — what to do, in file and line order", () => {
    expect(reported).toEqual([
      "episodes/2025-01-01-yaml-does-not-parse.md:2: the value in double quotes that starts here is never closed — end it with \" on the same line",
      "episodes/2025-01-02-misspelled-key.md:4: unknown key \"subtitel\" (did you mean \"subtitle\"?) — use one of: title, date, subtitle, summary, guid, tags, episode, season, episodeType, audio, image, people, draft, explicit",
      "episodes/2025-01-03-missing-title.md:2: title is missing — give the episode a title: title: \"...\"",
      "episodes/2025-01-04-missing-date.md:2: date is missing — write the date as YYYY-MM-DD, or ISO 8601 with an offset: 2025-01-16T09:00:00+09:00",
      "episodes/2025-01-05-impossible-date.md:3: the date \"2025-02-30\" is not a real date — write a real date as YYYY-MM-DD, or ISO 8601 with an offset: 2025-01-16T09:00:00+09:00",
      "episodes/2025-01-06-unclosed-block.md:6: the quote block opened here is never closed — add a line holding only ::: where it ends",
      "episodes/2025-01-07-meeting-without-date.md:6: the meeting block needs a date — add date=YYYY-MM-DD to its opening line",
      "episodes/2025-01-08-unknown-person.md:7: no one called \"Wang Yii\" is in the people directory or this episode's people (did you mean \"Wang Yi\"?) — fix the name, or add the person to people.yaml or to this episode's `people:` list",
      "episodes/2025-01-09-missing-media.md:5: the audio file \"audio/missing.mp3\" does not exist (looked for episodes/audio/missing.mp3) — check the path: it is relative to the file that names it",
      "episodes/2025-01-09-missing-media.md:6: the image \"art/missing.png\" does not exist (looked for episodes/art/missing.png) — check the path: it is relative to the file that names it",
      "episodes/2025-01-10-remote-audio.md:5: the audio URL \"https://example.org/audio/remote.mp3\" has no length — add length: (the file's size in bytes) under audio:",
      "episodes/2025-01-10-remote-audio.md:5: the audio URL \"https://example.org/audio/remote.mp3\" has no duration — add duration: \"MM:SS\" under audio:",
      "episodes/2025-01-11-wrong-types.md:4: episode must be at least 1, not 0 — the episode number: a whole number from 1",
      "episodes/2025-01-11-wrong-types.md:5: episodeType must be full, trailer or bonus, not \"foo\" — full, trailer or bonus",
      "episodes/2025-01-11-wrong-types.md:6: season must be a whole number, not 1.5 — the season number: a whole number from 1",
      "episodes/2025-01-11-wrong-types.md:7: tags must be a list, not \"china\" — write tags as a list of words: tags: [china, japan]",
      "episodes/2025-01-11-wrong-types.md:8: draft must be true or false, not \"yes\" — true or false",
      "episodes/2025-01-12-same-slug.md:1: the slug \"same-slug\" is also used by episodes/2025-01-13-same-slug.md — two episodes cannot share a URL: rename one of the files",
      "episodes/2025-01-13-same-slug.md:1: the slug \"same-slug\" is also used by episodes/2025-01-12-same-slug.md — two episodes cannot share a URL: rename one of the files",
      "episodes/2025-01-15-many-problems.md:4: unknown key \"explict\" (did you mean \"explicit\"?) — use one of: title, date, subtitle, summary, guid, tags, episode, season, episodeType, audio, image, people, draft, explicit",
      "episodes/2025-01-15-many-problems.md:6: the audio file \"audio/none.mp3\" does not exist (looked for episodes/audio/none.mp3) — check the path: it is relative to the file that names it",
      "episodes/2025-01-15-many-problems.md:9: no one called \"Nobody\" is in the people directory or this episode's people — fix the name, or add the person to people.yaml or to this episode's `people:` list",
      "episodes/2025-01-15-many-problems.md:12: this reading item has no link — write it as - [Title](https://...)",
      "episodes/2025-01-15-many-problems.md:15: the chapter stamp \"[00:99]\" is not a time — write it as [MM:SS] or [HH:MM:SS], with seconds and minutes under 60",
      "episodes/Notes on Japan.md:1: the file name is not YYYY-MM-DD-slug.md — rename it, e.g. 2025-01-16-my-episode.md (lowercase letters, digits and hyphens); start it with _ to keep it out",
    ]);
  });

  it("exits non-zero and sums up", () => {
    expect(result.code).toBe(1);
    expect(result.stdout.trim()).toBe("25 errors, 0 warnings: fix the errors above, then run npx castpress check again");
  });

  it("reports five problems of five kinds in one file, not only the first", () => {
    expect(reported.filter((line) => line.startsWith("episodes/2025-01-15-many-problems.md:")).map((line) => line.split(":")[1])).toEqual(["4", "6", "9", "12", "15"]);
  });

  it("ignores files whose name starts with _", () => {
    expect(result.stderr).not.toContain("_scratch.md");
  });
});
