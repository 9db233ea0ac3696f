import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/cli/commands/check.ts";
import { newEpisode } from "../../src/cli/commands/new.ts";
import { copyFixture } from "../support/castpress-cli.ts";
import { runInProcess } from "../support/command-in-process.ts";

/**
 * `castpress new` writes a sample quote in a language the site uses: the one its recent
 * episodes quote most (test/fixtures/new-episode-language/: Korean twice, Chinese once), or
 * without episodes the one most of its people's native names are in (Japanese, two of three).
 */
async function sampleQuoteLine(project: string): Promise<string> {
  const result = await runInProcess(newEpisode, { root: project, date: "2025-11-03" }, ["Next week"]);
  expect(result.code, result.stderr).toBe(0);
  const text = await readFile(path.join(project, "episodes/2025-11-03-next-week.md"), "utf8");
  return text.split("\n").find((line) => line.startsWith("::: quote"))!;
}

describe("the new episode's sample quote", () => {
  it("is in the language the recent episodes quote most, and the draft passes check", async () => {
    const project = await copyFixture("new-episode-language");
    expect(await sampleQuoteLine(project)).toMatch(/ lang=ko$/);
    const checked = await runInProcess(check, { root: project }, []);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
  });

  it("is in the people directory's main language when there are no episodes yet", async () => {
    const project = await copyFixture("new-episode-language");
    await rm(path.join(project, "episodes"), { recursive: true });
    await mkdir(path.join(project, "episodes"));
    expect(await sampleQuoteLine(project)).toMatch(/ lang=ja$/);
  });
});
