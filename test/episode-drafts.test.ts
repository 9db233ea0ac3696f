import path from "node:path";
import { describe, expect, it } from "vitest";
import { isLoaded, loadProject, type Project } from "../src/project/load-project.ts";
import { FIXTURES } from "./support/castpress-cli.ts";

const root = path.join(FIXTURES, "episode-drafts");

async function load(options: { drafts?: boolean; now: string }): Promise<Project> {
  const project = await loadProject(root, { ...options, now: new Date(options.now) });
  if (!isLoaded(project)) throw new Error(project.problems.map((problem) => problem.message).join("\n"));
  expect(project.problems).toEqual([]);
  return project;
}

const slugs = (episodes: Project["episodes"]) => episodes.map((episode) => episode.slug);

describe("drafts and scheduled episodes", () => {
  it("marks drafts and future-dated episodes and leaves them out of `episodes`, newest first", async () => {
    const project = await load({ now: "2025-01-25T00:00:00Z" });
    expect(slugs(project.allEpisodes)).toEqual(["scheduled", "draft", "new-york", "published"]);
    expect(slugs(project.episodes)).toEqual(["new-york", "published"]);
    const marks = Object.fromEntries(project.allEpisodes.map((episode) => [episode.slug, [episode.draft, episode.scheduled]]));
    expect(marks).toEqual({ scheduled: [false, true], draft: [true, false], "new-york": [false, false], published: [false, false] });
  });

  it("publishes a scheduled episode once its time has come, to the minute of its offset", async () => {
    // 2025-02-01T09:00+09:00 is 2025-02-01T00:00Z.
    expect(slugs((await load({ now: "2025-01-31T23:59:00Z" })).episodes)).not.toContain("scheduled");
    expect(slugs((await load({ now: "2025-02-01T00:00:00Z" })).episodes)).toContain("scheduled");
  });

  it("includes drafts and scheduled episodes when drafts are asked for", async () => {
    const project = await load({ drafts: true, now: "2025-01-25T00:00:00Z" });
    expect(slugs(project.episodes)).toEqual(["scheduled", "draft", "new-york", "published"]);
  });

  it("reads a date with an offset as that instant, shown in the site's time zone", async () => {
    const project = await load({ drafts: true, now: "2025-01-25T00:00:00Z" });
    const byslug = Object.fromEntries(project.allEpisodes.map((episode) => [episode.slug, episode]));
    expect(byslug["new-york"]!.date.toISOString()).toBe("2025-01-18T03:30:00.000Z");
    expect(byslug["new-york"]!.dateText).toBe("2025-01-18");
    // A plain date is midnight in the site's zone (Asia/Tokyo).
    expect(byslug.published!.date.toISOString()).toBe("2025-01-15T15:00:00.000Z");
    expect(byslug.published!.dateText).toBe("2025-01-16");
  });

  it("never reads files or folders whose name starts with _", async () => {
    const project = await load({ drafts: true, now: "2025-01-25T00:00:00Z" });
    expect(project.allEpisodes.map((episode) => episode.file)).not.toContainEqual(expect.stringMatching(/_/));
    expect(project.allEpisodes).toHaveLength(4);
  });
});
