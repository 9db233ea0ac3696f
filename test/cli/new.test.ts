import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { newEpisode } from "../../src/cli/commands/new.ts";
import { copyFixture } from "../support/castpress-cli.ts";
import { runInProcess } from "../support/command-in-process.ts";

/**
 * `castpress new`'s choices and refusals, run in process on a copy of test/fixtures/workflow
 * (its castpress.yaml: time zone Asia/Tokyo). test/workflow-new.test.ts runs the command itself:
 * the draft that passes check, never overwriting, --audio from outside the project.
 */
const newIn = (project: string, title: string[], options: Record<string, string> = {}) => runInProcess(newEpisode, { root: project, ...options }, title);
const episodesBelow = (project: string) => readdir(path.join(project, "episodes"), { recursive: true });

describe("castpress new", () => {
  it("gives every episode a fresh guid", async () => {
    const project = await copyFixture("workflow");
    for (const title of ["One", "Two"]) expect((await newIn(project, [title], { date: "2025-03-01" })).code).toBe(0);
    const guids = await Promise.all(
      ["2025-03-01-one.md", "2025-03-01-two.md"].map(async (name) => /^guid: (.+)$/m.exec(await readFile(path.join(project, "episodes", name), "utf8"))?.[1]),
    );
    expect(guids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(guids[0]).not.toBe(guids[1]);
  });

  it("takes --slug and --audio, and today's date in the site's time zone by default", async () => {
    const project = await copyFixture("workflow");
    const result = await newIn(project, ["中日关系"], { slug: "china-japan", audio: path.join(project, "episodes/audio/talk.mp3") });
    expect(result.code, result.stderr).toBe(0);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
    const text = await readFile(path.join(project, `episodes/${today}-china-japan.md`), "utf8");
    expect(text).toContain('title: "中日关系"');
    expect(text).toContain('src: "audio/talk.mp3"');
  });

  it("asks for a slug when the title has no letters to make one from", async () => {
    const project = await copyFixture("workflow");
    const before = await episodesBelow(project);
    const result = await newIn(project, ["中日关系"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--slug");
    expect(await episodesBelow(project)).toEqual(before);
  });

  it("refuses a slug already used in a subfolder of episodes/, and writes nothing", async () => {
    const project = await copyFixture("workflow");
    await mkdir(path.join(project, "episodes/2024"));
    await writeFile(path.join(project, "episodes/2024/2024-05-01-old-news.md"), "the author's words");
    const before = await episodesBelow(project);
    const result = await newIn(project, ["Old news"], { date: "2025-03-01" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('castpress new: episodes/2024/2024-05-01-old-news.md already has the slug "old-news": choose another title or --slug; nothing was written');
    expect(await episodesBelow(project)).toEqual(before);
    expect(await readFile(path.join(project, "episodes/2024/2024-05-01-old-news.md"), "utf8")).toBe("the author's words");
  });

  it("says to use --slug when the title is too long for a file name", async () => {
    const project = await copyFixture("workflow");
    const before = await episodesBelow(project);
    const result = await newIn(project, ["A very long title of many words ".repeat(10).trim()], { date: "2025-03-01" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("use --slug");
    expect(await episodesBelow(project)).toEqual(before);
  });

  it("refuses words after the title (a --date npm kept for itself), pointing to npm run new --", async () => {
    const project = await copyFixture("workflow");
    const before = await episodesBelow(project);
    // `npm run new "Title" --date 2025-01-01` runs `castpress new Title 2025-01-01`: two words.
    const result = await newIn(project, ["Title", "2025-01-01"]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain('npm run new -- "Title" --date');
    expect(await episodesBelow(project)).toEqual(before);
  });
});
