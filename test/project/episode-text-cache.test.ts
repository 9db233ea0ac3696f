import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readEpisodeText } from "../../src/episode/parse-episode.ts";
import { isLoaded, loadProject, type LoadCache, type Project } from "../../src/project/load-project.ts";
import { FIXTURES } from "../support/castpress-cli.ts";

// Which episode files are parsed: the cache's whole point is that an unchanged one is not.
vi.mock("../../src/episode/parse-episode.ts", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/episode/parse-episode.ts")>();
  return { ...original, readEpisodeText: vi.fn(original.readEpisodeText) };
});

const FIXTURE = path.join(FIXTURES, "east-asia-digest");
const EPISODES = ["2025-01-16-beijing-talks-resume.md", "2025-01-23-seafood-import-talks.md", "2025-11-06-seoul-tokyo-summit.md"];
/** The README names .cache/castpress/ as castpress's cache; episodes/ is the parsed texts' part of it. */
const entriesIn = async (root: string): Promise<string[]> => readdir(path.join(root, ".cache/castpress/episodes")).catch(() => []);

let work: string;
beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "castpress-text-cache-"));
  vi.mocked(readEpisodeText).mockClear();
});
afterEach(() => rm(work, { recursive: true, force: true }));

/** A fresh copy of the sample publication, or of another project with its .cache/ (a CI restore). */
async function copyOf(from: string, name: string): Promise<string> {
  const root = path.join(work, name);
  await cp(from, root, { recursive: true });
  return root;
}

async function load(root: string, now = "2026-01-01T00:00:00Z"): Promise<{ project: Project; parsed: string[] }> {
  vi.mocked(readEpisodeText).mockClear();
  const project = await loadProject(root, { now: new Date(now) });
  if (!isLoaded(project)) throw new Error(project.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join("\n"));
  const parsed = vi.mocked(readEpisodeText).mock.calls.map(([file]) => path.basename(file)).sort();
  return { project, parsed };
}

describe("the parsed episodes kept between runs", () => {
  it("lets a copy of the project elsewhere, with its .cache/, load every episode without parsing it, as a parse from scratch would", async () => {
    const first = await copyOf(FIXTURE, "first");
    expect((await load(first)).parsed).toEqual(EPISODES);
    // Another folder, new inodes and times: what a CI checkout with a restored cache looks like.
    const restored = await copyOf(first, "restored");
    const fromCache = await load(restored);
    expect(fromCache.parsed).toEqual([]);
    await rm(path.join(restored, ".cache"), { recursive: true });
    const fromScratch = await load(restored);
    expect(fromScratch.parsed).toEqual(EPISODES);
    expect(fromCache.project.allEpisodes).toEqual(fromScratch.project.allEpisodes);
    expect(fromCache.project.problems).toEqual(fromScratch.project.problems);
    expect(fromCache.project.allEpisodes.map((episode) => episode.title)).toHaveLength(3);
  });

  it("parses an edited episode again, and only it, and keeps one entry per episode", async () => {
    const root = await copyOf(FIXTURE, "edited");
    await load(root);
    const file = path.join(root, "episodes", EPISODES[1]!);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, 'title: "Seafood, again"'));
    const { project, parsed } = await load(root);
    expect(parsed).toEqual([EPISODES[1]]);
    expect(project.allEpisodes.map((episode) => episode.title)).toContain("Seafood, again");
    expect(await entriesIn(root)).toHaveLength(3);
  });

  it("keeps every episode's entry through a preview's later loads, which parse only what changed", async () => {
    const root = await copyOf(FIXTURE, "preview");
    const preview: LoadCache = { files: new Map() };
    await loadProject(root, { cache: preview });
    const file = path.join(root, "episodes", EPISODES[0]!);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, 'title: "Talks, edited"'));
    vi.mocked(readEpisodeText).mockClear();
    await loadProject(root, { cache: preview });
    expect(vi.mocked(readEpisodeText).mock.calls.map(([parsed]) => path.basename(parsed))).toEqual([EPISODES[0]]);
    // What a build started after the preview finds.
    expect((await load(await copyOf(root, "after-preview"))).parsed).toEqual([]);
  });

  it("parses every episode again when the people directory or the config changes what an episode says", async () => {
    const root = await copyOf(FIXTURE, "settings");
    await load(root);
    const people = path.join(root, "people.yaml");
    await writeFile(people, (await readFile(people, "utf8")).replace("role: Acting Secretary-General, Liberal Democratic Party", "role: Secretary-General"));
    const afterPeople = await load(root);
    expect(afterPeople.parsed).toEqual(EPISODES);
    const fukuda = afterPeople.project.allEpisodes.flatMap((episode) => episode.people).find((person) => person.name === "Fukuda Tatsuo");
    expect(fukuda?.role).toBe("Secretary-General");

    const config = path.join(root, "castpress.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace("timeZone: Asia/Tokyo", "timeZone: America/New_York"));
    const afterConfig = await load(root);
    expect(afterConfig.parsed).toEqual(EPISODES);
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
    vi.mocked(readEpisodeText).mockClear();
    const result = await loadProject(root, { now: new Date("2026-01-01T00:00:00Z") });
    expect(vi.mocked(readEpisodeText)).not.toHaveBeenCalled();
    const missing = result.problems.find((problem) => problem.severity === "error" && problem.file === `episodes/${EPISODES[0]}`);
    expect(missing?.line).toBe(srcLine);
    expect(missing?.message).toContain(path.basename(audio));
  });

  it("publishes a kept episode once its date has come", async () => {
    const root = await copyOf(FIXTURE, "scheduled");
    const before = await load(root, "2025-01-20T00:00:00Z");
    expect(before.project.episodes.map((episode) => episode.slug)).toEqual(["beijing-talks-resume"]);
    const after = await load(root, "2025-01-23T00:00:00Z");
    expect(after.parsed).toEqual([]);
    expect(after.project.episodes.map((episode) => episode.slug)).toEqual(["seafood-import-talks", "beijing-talks-resume"]);
  });

  it("does not trust an entry altered on disk, and forgets the entry of a deleted episode", async () => {
    const root = await copyOf(FIXTURE, "altered");
    const original = await load(root);
    const dir = path.join(root, ".cache/castpress/episodes");
    for (const entry of await entriesIn(root)) {
      const file = path.join(dir, entry);
      await writeFile(file, (await readFile(file, "utf8")).replace("Across", "Acorss").replace(/"title":"[^"]*"/, '"title":"Altered"'));
    }
    const reloaded = await load(root);
    expect(reloaded.parsed).toEqual(EPISODES);
    expect(reloaded.project.allEpisodes).toEqual(original.project.allEpisodes);

    await rm(path.join(root, "episodes", EPISODES[2]!));
    await load(root);
    expect(await entriesIn(root)).toHaveLength(2);
  });
});
