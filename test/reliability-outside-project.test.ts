import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

const MARKER = "OUTSIDE-THE-PROJECT-7f3a";

/** A folder outside the project holding an episode, an image and an audio file, each marked. */
async function outsideFolder(): Promise<string> {
  const outside = await mkdtemp(path.join(os.tmpdir(), "castpress-outside-"));
  await writeFile(path.join(outside, "2025-01-20-secret.md"), `---\ntitle: ${MARKER}\ndate: 2025-01-20\n---\n\n${MARKER}\n`);
  await writeFile(path.join(outside, "secret.png"), MARKER);
  await writeFile(path.join(outside, "secret.mp3"), MARKER);
  return outside;
}

/** Every file under dist/, with its bytes. */
async function distFiles(project: string): Promise<{ file: string; bytes: Buffer }[]> {
  const dist = path.join(project, "dist");
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries.filter((entry) => entry.isFile()).map(async (entry) => ({ file: path.relative(dist, path.join(entry.parentPath, entry.name)), bytes: await readFile(path.join(entry.parentPath, entry.name)) })),
  );
}

describe("files outside the project, reached through symbolic links", () => {
  it("an episode file that links outside is refused with file:line", async () => {
    const project = await copyFixture("workflow");
    const outside = await outsideFolder();
    await symlink(path.join(outside, "2025-01-20-secret.md"), path.join(project, "episodes/2025-01-20-secret.md"));
    const expected = [
      "episodes/2025-01-20-secret.md:1: the episode is a link to a file outside the project — copy the file into episodes/ instead of linking to it",
    ];
    for (const [command, result] of [["check", await runInProcess(check, { root: project }, [])], ["build", await buildInProcess(project)]] as const) {
      expect(result.stderr.trimEnd().split("\n"), command).toEqual(expected);
      expect(result.code, command).toBe(1);
    }
  });

  it("a folder link and media links that lead outside: refused, and nothing from outside reaches dist/", async () => {
    const project = await copyFixture("workflow");
    const outside = await outsideFolder();
    await symlink(outside, path.join(project, "episodes/linked-folder"));
    const episode = path.join(project, "episodes/2025-01-16-first-episode.md");
    const original = await readFile(episode, "utf8");
    await writeFile(episode, original.replace("tags: [japan]", "tags: [japan]\nimage: linked-folder/secret.png\naudio:\n  src: linked-folder/secret.mp3"));

    const refused = await buildInProcess(project);
    expect(refused.stderr.trimEnd().split("\n")).toEqual([
      'episodes/2025-01-16-first-episode.md:7: the image "linked-folder/secret.png" is a link to a file outside the project — copy the file into the project, below episodes/, instead of linking to it',
      'episodes/2025-01-16-first-episode.md:9: the audio file "linked-folder/secret.mp3" is a link to a file outside the project — copy the file into the project, below episodes/, instead of linking to it',
    ]);
    expect(refused.code).toBe(1);

    // With the references gone, the folder link itself is still there: its episode is not read, nothing of it is copied.
    await writeFile(episode, original);
    const built = await buildInProcess(project);
    expect(built.code, built.stderr).toBe(0);
    const files = await distFiles(project);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter(({ file, bytes }) => file.includes("linked-folder") || file.includes("secret") || bytes.includes(MARKER))).toEqual([]);
    await rm(outside, { recursive: true, force: true });
  });
});
