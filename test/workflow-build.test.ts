import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { castpress, copyFixture, copyProject, type CliResult } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";
import { snapshotTree } from "./support/tree-snapshot.ts";

const EPISODE = "episodes/2025-01-16-first-episode.md";

/** The workflow fixture built once by `castpress build`, and what that printed and wrote. */
let built: { project: string; result: CliResult; dist: Record<string, string> };

beforeAll(async () => {
  const project = await copyFixture("workflow");
  const result = await castpress(["build"], { cwd: project });
  expect(result.code, result.stderr).toBe(0);
  built = { project, result, dist: await snapshotTree(path.join(project, "dist")) };
});

/** A copy of the built project, so a failing build has a dist/ to spoil. */
async function copyOfBuilt(): Promise<{ project: string; dist: string; before: Record<string, string> }> {
  const project = await copyProject(built.project, "workflow-built");
  const dist = path.join(project, "dist");
  expect(await snapshotTree(dist)).toEqual(built.dist);
  return { project, dist, before: built.dist };
}

/**
 * A project built in its own folder: what the last build recorded there is about these very
 * files (a copy's record names the folder it was copied from, so its first build is never kept).
 * The tests of what a build keeps or makes again build in process; the CLI's own part (its
 * output, exit codes and one-line failures, --out and --drafts) is tested above through the CLI.
 */
async function builtInPlace(): Promise<{ project: string; dist: string; before: Record<string, string> }> {
  const project = await copyFixture("workflow");
  const first = await buildInProcess(project);
  expect(first.code, first.stderr).toBe(0);
  const dist = path.join(project, "dist");
  return { project, dist, before: await snapshotTree(dist) };
}

async function edit(project: string, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(project, file);
  await writeFile(target, change(await readFile(target, "utf8")));
}

const noStackTrace = (output: string): void => expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe("castpress build", () => {
  it("builds into dist/ and says where each output is", async () => {
    const { project, result } = built;
    expect(result.stdout).toMatch(/^Built 1 episode in [\d.]+ s: \d+ files, [\d.]+ KB in dist\/$/m);
    expect(result.stdout).toContain("dist/index.html");
    const files = await readdir(path.join(project, "dist", "episodes", "first-episode"));
    expect(files).toContain("index.html");
  });

  it("writes nothing when an episode has an error, and names its file and line", async () => {
    const { project, dist, before } = await copyOfBuilt();
    await edit(project, EPISODE, (text) => text.replace("tags: [japan]", "tags: [japan]\ntitel: typo"));
    const result = await castpress(["build"], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${EPISODE}:7: unknown key "titel" (did you mean "title"?)`);
    noStackTrace(result.stderr + result.stdout);
    expect(await snapshotTree(dist)).toEqual(before);
  });

  it("leaves dist/ exactly as it was when a template fails mid-build, naming the template", async () => {
    const { project, dist, before } = await copyOfBuilt();
    await mkdir(path.join(project, "templates/blocks/quote"), { recursive: true });
    await writeFile(path.join(project, "templates/blocks/quote/web.njk"), "{{ block.speaker | noSuchFilter }}");
    const result = await castpress(["build"], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^templates\/blocks\/quote\/web\.njk:1: .*filter not found: noSuchFilter \(while rendering episodes\/2025-01-16-first-episode\.md\) — fix the template/);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    noStackTrace(result.stderr + result.stdout);
    expect(await snapshotTree(dist)).toEqual(before);
    const leftovers = (await readdir(project)).filter((name) => name.startsWith(".dist."));
    expect(leftovers).toEqual([]);
  });

  it("reports every problem of every episode in one run", async () => {
    const project = await copyFixture("workflow");
    await edit(project, EPISODE, (text) => text.replace("[[Fukuda Tatsuo]]", "[[Fukuda Tatsu]]"));
    await writeFile(
      path.join(project, "episodes/2025-01-20-second.md"),
      "---\ntitle: Second\ndate: 2025-02-30\n---\n\n::: note\nnever closed\n",
    );
    const result = await castpress(["check"], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${EPISODE}:9: no one called "Fukuda Tatsu"`);
    expect(result.stderr).toContain("episodes/2025-01-20-second.md:3:");
    expect(result.stderr).toContain("episodes/2025-01-20-second.md:6: the note block opened here is never closed");
  });

  it("builds elsewhere with --out, and includes drafts only with --drafts", async () => {
    const project = await copyFixture("workflow");
    await edit(project, EPISODE, (text) => text.replace("tags: [japan]", "tags: [japan]\ndraft: true"));
    const plain = await castpress(["build", "--out", "public"], { cwd: project });
    expect(plain.code, plain.stderr).toBe(0);
    await expect(readdir(path.join(project, "public/episodes"))).rejects.toThrow();
    const preview = await castpress(["build", "--drafts", "--out", "preview"], { cwd: project });
    expect(preview.code, preview.stderr).toBe(0);
    expect(await readdir(path.join(project, "preview/episodes"))).toContain("first-episode");
    await expect(readdir(path.join(project, "dist"))).rejects.toThrow();
  });
});

describe("castpress check", () => {
  let project: string;
  beforeAll(async () => {
    project = await copyFixture("workflow");
  });

  it("passes a good project with exit code 0", async () => {
    const result = await castpress(["check"], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1 episode checked: no errors");
  });
});

describe("a build with nothing changed", () => {
  it("keeps dist/ as it is, and rebuilds after an edit, a changed option or a touched output", async () => {
    const { project, dist, before } = await builtInPlace();
    const again = await buildInProcess(project);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Nothing changed since the last build: kept dist/ as it was");
    expect(await snapshotTree(dist)).toEqual(before);

    await writeFile(path.join(dist, "index.html"), "tampered");
    const repaired = await buildInProcess(project);
    expect(repaired.stdout).toMatch(/^Built 1 episode/m);
    expect(await snapshotTree(dist)).toEqual(before);

    await edit(project, EPISODE, (text) => text.replace("title: The first episode", "title: The first episode, edited"));
    const edited = await buildInProcess(project);
    expect(edited.stdout).toMatch(/^Built 1 episode/m);
    expect(await readFile(path.join(dist, "episodes/first-episode/index.html"), "utf8")).toContain("The first episode, edited");
  });
});

describe("a scheduled episode", () => {
  it("is published by the first build after its date, though no file changed", async () => {
    const project = await copyFixture("workflow");
    await writeFile(
      path.join(project, "episodes/2025-03-01-later.md"),
      "---\ntitle: Published later\ndate: 2025-03-01\n---\n\nOut in March.\n",
    );
    const before = await buildInProcess(project, { now: "2025-02-01T00:00:00Z" });
    expect(before.stdout).toMatch(/^Built 1 episode/m);
    const after = await buildInProcess(project, { now: "2025-03-02T00:00:00Z" });
    expect(after.stdout).toMatch(/^Built 2 episodes/m);
    expect(await readFile(path.join(project, "dist/episodes/later/index.html"), "utf8")).toContain("Published later");
  });
});

describe("whether a build can be kept", () => {
  it("depends on the content of the inputs: an edit that keeps size and time is built, a touch is not", async () => {
    const { project, dist } = await builtInPlace();
    const file = path.join(project, EPISODE);
    const reference = path.join(project, "reference.md");
    execFileSync("cp", ["-p", file, reference]);
    const before = await stat(file, { bigint: true });
    // As `cp -p`, `rsync -t` or `touch -r` leave it: new text of the same length, the old time to the nanosecond.
    await edit(project, EPISODE, (text) => text.replace("title: The first episode", "title: The FIRST episode"));
    execFileSync("touch", ["-r", reference, file]);
    const after = await stat(file, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const edited = await buildInProcess(project);
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toMatch(/^Built 1 episode/m);
    expect(await readFile(path.join(dist, "episodes/first-episode/index.html"), "utf8")).toContain("The FIRST episode");

    const now = new Date();
    await utimes(file, now, now);
    const touched = await buildInProcess(project);
    expect(touched.stdout).toContain("Nothing changed since the last build: kept dist/ as it was");
  });

  it("never trusts a cache file: empty or damaged entries are made again, and the output is the same", async () => {
    const { project, dist, before } = await builtInPlace();
    const cache = path.join(project, ".cache/castpress");
    const entries = (await readdir(cache, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    expect(entries.length).toBeGreaterThan(2);
    for (const [index, entry] of entries.entries()) {
      const file = path.join(entry.parentPath, entry.name);
      const text = await readFile(file, "utf8");
      await writeFile(file, index % 2 === 0 ? "" : text.slice(0, Math.floor(text.length / 2)));
    }
    await rm(dist, { recursive: true });
    const rebuilt = await buildInProcess(project);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(await snapshotTree(dist)).toEqual(before);
  });
});

describe("a castpress.yaml with every optional section left out", () => {
  it("checks and builds: the archive and the reader feed, and no email or podcast feed", async () => {
    const project = await copyFixture("workflow-minimal-config");
    const checked = await runInProcess(check, { root: project }, []);
    expect(checked.code, checked.stderr).toBe(0);
    const result = await buildInProcess(project);
    expect(result.code, result.stderr).toBe(0);
    const dist = path.join(project, "dist");
    expect(await readFile(path.join(dist, "episodes/only-episode/index.html"), "utf8")).toContain("The only episode");
    expect(await readFile(path.join(dist, "feed.xml"), "utf8")).toContain("The only episode");
    const top = await readdir(dist);
    expect(top).not.toContain("email");
    expect(top).not.toContain("podcast.xml");
    expect(top).not.toContain("false");
  });
});
