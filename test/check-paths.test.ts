import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

describe("castpress check on media paths that lead outside the project", () => {
  it("refuses ../ paths, absolute paths, links to files outside, and plain http", async () => {
    const project = await copyFixture("check-paths");
    // A real file outside the project, reached through a link inside it.
    const outside = await mkdtemp(path.join(os.tmpdir(), "castpress-outside-"));
    await writeFile(path.join(outside, "secret.png"), "not for publishing");
    await mkdir(path.join(project, "episodes", "art"));
    await symlink(path.join(outside, "secret.png"), path.join(project, "episodes", "art", "linked.png"));

    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      'episodes/2025-01-16-outside.md:4: the image "../../etc/passwd" leads outside the project — copy the file into the project, below episodes/',
      'episodes/2025-01-16-outside.md:6: the audio file "/etc/passwd" is an absolute path — give the path relative to the episode file, inside the project',
      'episodes/2025-01-17-linked.md:4: the image "art/linked.png" is a link to a file outside the project — copy the file into the project, below episodes/, instead of linking to it',
      'episodes/2025-01-17-linked.md:6: the audio file "http://example.org/episode.mp3" is not an https URL — give a path in the project or an https:// URL',
    ]);
    expect(result.code).toBe(1);
  });
});
