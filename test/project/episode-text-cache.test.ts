import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isLoaded, loadProject, type LoadCache, type Project } from "../../src/project/load-project.ts";
import { FIXTURES } from "../support/castpress-cli.ts";

const FIXTURE = path.join(FIXTURES, "east-asia-digest");
const EPISODES = ["2025-01-16-beijing-talks-resume.md", "2025-01-23-seafood-import-talks.md", "2025-11-06-seoul-tokyo-summit.md"];
/** The README names .cache/castpress/ as castpress's cache; episodes/ is the parsed texts' part of it. */
const ENTRIES = ".cache/castpress/episodes";

/**
 * Each entry with its inode. An episode that is parsed has its entry written anew (under a
 * temporary name, then renamed), so its inode changes; one read from the cache keeps it.
 * (Vitest's workers share modules here, so a mock of the parser could not count the parses.)
 */
async function entriesIn(root: string): Promise<Map<string, bigint>> {
  const dir = path.join(root, ENTRIES);
  const names = await readdir(dir).catch(() => []);
  return new Map(await Promise.all(names.map(async (name) => [name, (await stat(path.join(dir, name), { bigint: true })).ino] as const)));
}

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "castpress-text-cache-"));
});
afterEach(() => rm(work, { recursive: true, force: true }));

/** A fresh copy of the sample publication, or of another project with its .cache/ (a CI restore). */
async function copyOf(from: string, name: string): Promise<string> {
  const root = path.join(work, name);
  await cp(from, root, { recursive: true });
  return root;
}

/** The project as loadProject gives it, and how many of its episodes were parsed rather than read from the cache. */
async function load(root: string, options: { now?: string; cache?: LoadCache } = {}): Promise<{ project: Project; parsed: number }> {
  const before = await entriesIn(root);
  const project = await loadProject(root, { now: new Date(options.now ?? "2026-01-01T00:00:00Z"), ...(options.cache && { cache: options.cache }) });
  if (!isLoaded(project)) throw new Error(project.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join("\n"));
  const after = await entriesIn(root);
  return { project, parsed: [...after].filter(([name, inode]) => before.get(name) !== inode).length };
}

describe("the parsed episodes kept between runs", () => {
  it("lets a copy of the project elsewhere, with its .cache/, load every episode without parsing it, as a parse from scratch would", async () => {
    const first = await copyOf(FIXTURE, "first");
    expect((await load(first)).parsed).toBe(EPISODES.length);
    // Another folder, new inodes and times: what a CI checkout with a restored cache looks like.
    const restored = await copyOf(first, "restored");
    const fromCache = await load(restored);
    expect(fromCache.parsed).toBe(0);
    await rm(path.join(restored, ".cache"), { recursive: true });
    const fromScratch = await load(restored);
    expect(fromScratch.parsed).toBe(EPISODES.length);
    expect(fromCache.project.allEpisodes).toEqual(fromScratch.project.allEpisodes);
    expect(fromCache.project.problems).toEqual(fromScratch.project.problems);
    expect(fromCache.project.allEpisodes).toHaveLength(EPISODES.length);
  });

  it("parses an edited episode again, and only it, and keeps one entry per episode", async () => {
    const root = await copyOf(FIXTURE, "edited");
    await load(root);
    const file = path.join(root, "episodes", EPISODES[1]!);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, 'title: "Seafood, again"'));
    const { project, parsed } = await load(root);
    expect(parsed).toBe(1);
    expect(project.allEpisodes.map((episode) => episode.title)).toContain("Seafood, again");
    expect((await entriesIn(root)).size).toBe(EPISODES.length);
  });

  it("keeps every episode's entry through a preview's later loads, which parse only what changed", async () => {
    const root = await copyOf(FIXTURE, "preview");
    const preview: LoadCache = { files: new Map() };
    await load(root, { cache: preview });
    const file = path.join(root, "episodes", EPISODES[0]!);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, 'title: "Talks, edited"'));
    expect((await load(root, { cache: preview })).parsed).toBe(1);
    // What a build started after the preview finds.
    expect((await load(await copyOf(root, "after-preview"))).parsed).toBe(0);
  });

  it("parses every episode again when the people directory or the config changes what an episode says", async () => {
    const root = await copyOf(FIXTURE, "settings");
    await load(root);
    const people = path.join(root, "people.yaml");
    await writeFile(people, (await readFile(people, "utf8")).replace("role: Acting Secretary-General, Liberal Democratic Party", "role: Secretary-General"));
    const afterPeople = await load(root);
    expect(afterPeople.parsed).toBe(EPISODES.length);
    const fukuda = afterPeople.project.allEpisodes.flatMap((episode) => episode.people).find((person) => person.name === "Fukuda Tatsuo");
    expect(fukuda?.role).toBe("Secretary-General");

    const config = path.join(root, "castpress.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace("timeZone: Asia/Tokyo", "timeZone: America/New_York"));
    const afterConfig = await load(root);
    expect(afterConfig.parsed).toBe(EPISODES.length);
    // Midnight of the day written, in the new zone.
    const first = afterConfig.project.allEpisodes.find((episode) => episode.file.endsWith(EPISODES[0]!));
    expect(first?.date.toISOString()).toBe("2025-01-16T05:00:00.000Z");
  });

  it("looks at the files an episode names every time, though its text is not parsed again", async () => {
    const root = await copyOf(FIXTURE, "media");
    await load(root);
    const file = path.join(root, "episodes", EPISODES[0]!);
    const text = await readFile(file, "utf8");
    const srcLine = text.split("\n").findIndex((line) => line.trim().startsWith("src: audio/")) + 1;
    const audio = text.split("\n")[srcLine - 1]!.trim().slice("src: ".length);
    await rm(path.join(root, "episodes", audio));
    const before = await entriesIn(root);
    const result = await loadProject(root, { now: new Date("2026-01-01T00:00:00Z") });
    expect(await entriesIn(root)).toEqual(before);
    const missing = result.problems.find((problem) => problem.severity === "error" && problem.file === `episodes/${EPISODES[0]}`);
    expect(missing?.line).toBe(srcLine);
    expect(missing?.message).toContain(path.basename(audio));
  });

  it("publishes a kept episode once its date has come", async () => {
    const root = await copyOf(FIXTURE, "scheduled");
    const before = await load(root, { now: "2025-01-20T00:00:00Z" });
    expect(before.project.episodes.map((episode) => episode.slug)).toEqual(["beijing-talks-resume"]);
    const after = await load(root, { now: "2025-01-23T00:00:00Z" });
    expect(after.parsed).toBe(0);
    expect(after.project.episodes.map((episode) => episode.slug)).toEqual(["seafood-import-talks", "beijing-talks-resume"]);
  });

  it("does not trust an entry altered on disk, and forgets the entry of a deleted episode", async () => {
    const root = await copyOf(FIXTURE, "altered");
    const original = await load(root);
    for (const name of (await entriesIn(root)).keys()) {
      const file = path.join(root, ENTRIES, name);
      await writeFile(file, (await readFile(file, "utf8")).replace(/"title":"[^"]*"/, '"title":"Altered"'));
    }
    const reloaded = await load(root);
    expect(reloaded.parsed).toBe(EPISODES.length);
    expect(reloaded.project.allEpisodes).toEqual(original.project.allEpisodes);

    await rm(path.join(root, "episodes", EPISODES[2]!));
    await load(root);
    expect((await entriesIn(root)).size).toBe(EPISODES.length - 1);
  });
});
