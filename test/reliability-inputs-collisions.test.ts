import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

const episode = (date: string, frontMatter = "") => `---\ntitle: An episode\ndate: ${date}\n${frontMatter}---\n\nText.\n`;

/**
 * Regression (issue 12): each of these was silently dropped, merged or scheduled for ever:
 * a file named .MD or .markdown was never published and check said nothing; tags "C#" and
 * "C" shared one /tags/c/ page under one of the names; a date in year 0001 or 9999 built.
 */
describe("input that castpress would otherwise drop, merge or never publish", () => {
  it("is refused by check with file:line and the fix", async () => {
    const project = await copyFixture("workflow");
    const dir = path.join(project, "episodes");
    await rm(path.join(dir, "2025-01-16-first-episode.md"));
    await mkdir(path.join(dir, "2025"));
    await writeFile(path.join(dir, "2025-02-01-upper.MD"), episode("2025-02-01"));
    await writeFile(path.join(dir, "2025/2025-02-02-long.markdown"), episode("2025-02-02"));
    await writeFile(path.join(dir, "talk-without-date.md"), episode("2025-02-03"));
    // Kept out on purpose, as the fix says: not reported.
    await writeFile(path.join(dir, "_notes.markdown"), "Ideas.\n");
    await writeFile(path.join(dir, "2025-03-01-ancient.md"), episode("0001-03-01"));
    await writeFile(path.join(dir, "2025-03-02-far.md"), episode('"9999-03-02T09:00:00+09:00"'));
    await writeFile(path.join(dir, "2025-04-01-csharp.md"), episode("2025-04-01", "tags:\n  - C#\n  - Café\n"));
    await writeFile(path.join(dir, "2025-04-02-c.md"), episode("2025-04-02", "tags: [C, coffee, Cafe]\n"));
    // The same tag in two episodes is one tag: not a clash.
    await writeFile(path.join(dir, "2025-04-03-again.md"), episode("2025-04-03", "tags: [C#]\n"));

    const result = await runInProcess(check, { root: project }, []);
    const dateHint = "write the date as YYYY-MM-DD, or ISO 8601 with an offset: 2025-01-16T09:00:00+09:00";
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      "episodes/2025-02-01-upper.MD:1: this Markdown file is not read as an episode: only names ending in .md (lowercase) are — rename it to 2025-02-01-upper.md, or start its name with _ to keep it out",
      "episodes/2025-03-01-ancient.md:3: date \"0001-03-01\" is outside the years 1900 to 2200: check the year — " + dateHint,
      "episodes/2025-03-02-far.md:3: date \"9999-03-02T09:00:00+09:00\" is outside the years 1900 to 2200: check the year — " + dateHint,
      'episodes/2025-04-02-c.md:4: the tag "C" and the tag "C#" (episodes/2025-04-01-csharp.md:5) would share the page /tags/c/ — write the tag the same way in every episode ("C#"), or tell the two apart',
      'episodes/2025-04-02-c.md:4: the tag "Cafe" and the tag "Café" (episodes/2025-04-01-csharp.md:6) would share the page /tags/cafe/ — write the tag the same way in every episode ("Café"), or tell the two apart',
      "episodes/2025/2025-02-02-long.markdown:1: this Markdown file is not read as an episode: only names ending in .md (lowercase) are — rename it to 2025-02-02-long.md, or start its name with _ to keep it out",
      "episodes/talk-without-date.md:1: the file name is not YYYY-MM-DD-slug.md — rename it, e.g. 2025-01-16-my-episode.md (lowercase letters, digits and hyphens); start it with _ to keep it out",
    ]);
    expect(result.code).toBe(1);
  });

  it("at the edges of the range, and tags that only look alike, build", async () => {
    const project = await copyFixture("workflow");
    const dir = path.join(project, "episodes");
    await writeFile(path.join(dir, "1900-01-01-first-year.md"), episode("1900-01-01", "tags: [C, C++]\n"));
    await writeFile(path.join(dir, "2200-12-31-last-year.md"), episode("2200-12-31", "tags: [Cafe, Café au lait]\n"));
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
