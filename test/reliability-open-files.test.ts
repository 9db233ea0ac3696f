import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { copyFixture, REPO_ROOT } from "./support/castpress-cli.ts";

// macOS lets a process open 256 files unless told otherwise. An archive of more episodes than
// that must build there: castpress may not open every file at once. (Far below it, Node.js's
// own module loader runs out first.)
const OPEN_FILES = 256;
const EPISODES = 300;

describe(`an archive of ${EPISODES} episodes, with at most ${OPEN_FILES} open files`, () => {
  it("builds, checks and builds again after an edit", async () => {
    const project = await copyFixture("workflow");
    const [first] = (await readdir(path.join(project, "episodes"))).filter((name) => name.endsWith(".md"));
    const text = await readFile(path.join(project, "episodes", first!), "utf8");
    for (let day = 1; day <= EPISODES; day++) {
      const date = new Date(Date.UTC(2023, 0, day)).toISOString().slice(0, 10);
      const episode = text.replace(/^date: .*$/m, `date: ${date}`).replace(/^guid: .*\n/m, "");
      await writeFile(path.join(project, "episodes", `${date}-episode-${day}.md`), episode);
    }
    const run = (command: string) =>
      promisify(execFile)("bash", ["-c", `ulimit -n ${OPEN_FILES} && exec "$0" "$1" ${command}`, process.execPath, path.join(REPO_ROOT, "bin/castpress.js")], {
        cwd: project,
        env: { ...process.env, CI: "true" },
      });

    expect((await run("build")).stdout).toContain(`Built ${EPISODES + 1} episodes`);
    expect((await run("check")).stdout).toContain(`${EPISODES + 1} episodes checked`);
    await writeFile(path.join(project, "episodes", first!), text.replace("met the delegation", "met the delegation again"));
    expect((await run("build")).stdout).toContain(`Built ${EPISODES + 1} episodes`);
    expect(await readFile(path.join(project, "dist/episodes/first-episode/index.html"), "utf8")).toContain("met the delegation again");
  }, 120_000);
});
