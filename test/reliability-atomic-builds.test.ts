import { execFileSync, spawn } from "node:child_process";
import { chmod, cp, lstat, stat, mkdir, mkdtemp, readdir, readFile, rm, statfs, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInProcess } from "./support/build-in-process.ts";
import { castpress, copyFixture, copyProject, FIXTURES, REPO_ROOT, type CliResult } from "./support/castpress-cli.ts";
import { snapshotTree } from "./support/tree-snapshot.ts";

const CLI = path.join(REPO_ROOT, "bin/castpress.js");
const EPISODE = "episodes/2025-01-16-first-episode.md";

/** What a build leaves beside dist/ while it runs, or after it was killed: `.dist.staging-<pid>-<time>`, `.dist.previous-<pid>`, `.dist.lock`. */
const leftovers = async (project: string) => (await readdir(project)).filter((name) => name.startsWith(".dist."));

/** The workflow fixture built once, and its dist/ as that build left it: each test starts from a copy, output and caches included. */
let built: { project: string; dist: Record<string, string> };

beforeAll(async () => {
  const project = await copyFixture("workflow");
  const first = await buildInProcess(project);
  expect(first.code, first.stderr).toBe(0);
  built = { project, dist: await snapshotTree(path.join(project, "dist")) };
});

/** A copy of the built project, then edited, so a second build's output differs from the first's. */
async function builtThenEdited(): Promise<{ project: string; before: Record<string, string> }> {
  const project = await copyProject(built.project, "workflow-built");
  expect(await snapshotTree(path.join(project, "dist"))).toEqual(built.dist);
  await editTitle(project, "The first episode, edited");
  return { project, before: built.dist };
}

/** Starts `castpress build` and sends the signal once the build has begun writing its staging folder. */
async function buildKilledMidway(project: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, "build"], { cwd: project, env: { ...process.env, CI: "true" }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, got) => resolve({ code, signal: got })));
  for (;;) {
    const staging = (await leftovers(project)).find((name) => name.startsWith(".dist.staging-"));
    const written = staging ? await readdir(path.join(project, staging), { recursive: true }).catch(() => []) : [];
    if (written.length > 0) break;
    if (child.exitCode !== null) throw new Error(`the build ended before it was killed:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill(signal);
  return { ...(await exited), stderr };
}

describe("atomic builds", () => {
  it("two builds at once on one project leave dist/ as one finished build, never mixed", async () => {
    const { project } = await builtThenEdited();
    const results = await Promise.all([castpress(["build"], { cwd: project }), castpress(["build"], { cwd: project })]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const afterBoth = await snapshotTree(path.join(project, "dist"));
    expect(await leftovers(project)).toEqual([]);

    // A build of its own elsewhere (into dist/ it would find nothing changed and keep it).
    const again = await buildInProcess(project, { out: "dist-single" });
    expect(again.code, again.stderr).toBe(0);
    expect(afterBoth).toEqual(await snapshotTree(path.join(project, "dist-single")));
    expect(await readFile(path.join(project, "dist/episodes/first-episode/index.html"), "utf8")).toContain("The first episode, edited");
  });

  for (const signal of ["SIGINT", "SIGKILL"] as const) {
    it(`a build stopped by ${signal} while writing leaves dist/ as it was, and the next build cleans up and succeeds`, async () => {
      const { project, before } = await builtThenEdited();
      const killed = await buildKilledMidway(project, signal);
      expect(killed.code === 0, "the build finished before the signal reached it").toBe(false);
      expect(await snapshotTree(path.join(project, "dist"))).toEqual(before);
      if (signal === "SIGINT") {
        // Ctrl-C is the author's own way to stop a build: it cleans up after itself.
        expect(await leftovers(project)).toEqual([]);
        expect(killed.stderr).toBe("");
      }

      const next = await buildInProcess(project);
      expect(next.code, next.stderr).toBe(0);
      expect(await leftovers(project)).toEqual([]);
      const after = await snapshotTree(path.join(project, "dist"));
      expect(after).not.toEqual(before);
      expect(await readFile(path.join(project, "dist/episodes/first-episode/index.html"), "utf8")).toContain("The first episode, edited");
    });
  }
});

/** The author's message for a failure: exactly one line, and no stack trace. */
function oneLine(result: CliResult): string {
  const lines = result.stderr.trim().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  return lines[0]!;
}

const title = async (dist: string): Promise<string | undefined> =>
  /<title>([^<·]*)/.exec(await readFile(path.join(dist, "episodes/first-episode/index.html"), "utf8").catch(() => ""))?.[1]?.trim();

/** Root can write anywhere whatever the modes: a read-only folder is tried as an ordinary user. */
const AUTHOR = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** `castpress` run as an ordinary user (nobody, when the tests run as root), on a project that user owns. */
async function castpressAsAuthor(args: string[], project: string): Promise<CliResult> {
  if (AUTHOR) execFileSync("chown", ["-R", `${AUTHOR.uid}:${AUTHOR.gid}`, project]);
  return castpress(args, { cwd: project, ...(AUTHOR && { user: AUTHOR }) });
}

describe("build never deletes what castpress did not make", () => {
  it("refuses, in one line, an --out that is the project, above it, episodes/, a folder of the author's or a file, and changes nothing", async () => {
    // The project sits in a folder of its own, beside another of the author's files, so `..` can be checked whole.
    const parent = await mkdtemp(path.join(os.tmpdir(), "castpress-out-refused-"));
    const project = path.join(parent, "show");
    await cp(path.join(FIXTURES, "workflow"), project, { recursive: true });
    await writeFile(path.join(parent, "another-project.txt"), "the author's\n");
    await mkdir(path.join(project, "notes"));
    await writeFile(path.join(project, "notes/ideas.md"), "the author's notes\n");
    await writeFile(path.join(project, "todo.txt"), "a plain file\n");
    const before = await snapshotTree(parent);

    for (const [out, says] of [
      ["episodes", "episodes: is the episodes/ folder, which castpress reads"],
      [".", ".: is the project folder itself"],
      ["..", "..: holds the project folder"],
      ["notes", "notes: holds files castpress did not make (ideas.md)"],
      ["todo.txt", "todo.txt: is a file, not a folder"],
      ["episodes/site", "episodes/site: is inside episodes/, which castpress reads"],
    ]) {
      const result = await castpress(["build", "--out", out!], { cwd: project });
      expect(result.code, `--out ${out}`).toBe(1);
      expect(oneLine(result)).toContain(says);
      expect(await snapshotTree(parent), `--out ${out}`).toEqual(before);
    }
    expect(await readdir(parent)).toEqual(["another-project.txt", "show"]);
  });

  it("builds into an empty folder and again into its own output, and updates a web root that dist links to, keeping the link", async () => {
    const project = await copyFixture("workflow");
    const webRoot = await mkdtemp(path.join(os.tmpdir(), "castpress-web-root-"));
    await symlink(webRoot, path.join(project, "dist"));
    const first = await buildInProcess(project);
    expect(first.code, first.stderr).toBe(0);
    expect((await lstat(path.join(project, "dist"))).isSymbolicLink()).toBe(true);
    expect(await title(webRoot)).toBe("The first episode");

    await editTitle(project, "The first episode, edited");
    const second = await buildInProcess(project);
    expect(second.code, second.stderr).toBe(0);
    expect((await lstat(path.join(project, "dist"))).isSymbolicLink()).toBe(true);
    expect(await title(webRoot)).toBe("The first episode, edited");
    expect((await readdir(path.dirname(webRoot))).filter((name) => name.startsWith(`.${path.basename(webRoot)}.`))).toEqual([]);
  });
});

describe("faults end in one clear message, leave the previous output whole, and never block the next build", () => {
  // The author runs castpress from this checkout: a clone in a folder only root may open (as
  // `mktemp -d` makes) would stop them before castpress starts, or hide its templates from
  // Eleventy's file search. Each such folder above the checkout is opened to others (read and
  // search) while these tests run, and put back after.
  const closedFolders: { folder: string; mode: number }[] = [];
  beforeAll(async () => {
    if (!AUTHOR) return;
    for (let folder = REPO_ROOT; ; folder = path.dirname(folder)) {
      const { mode } = await stat(folder);
      if ((mode & 0o005) !== 0o005) {
        closedFolders.push({ folder, mode: mode & 0o7777 });
        await chmod(folder, (mode & 0o7777) | 0o005);
      }
      if (folder === path.dirname(folder)) break;
    }
  });
  afterAll(async () => {
    for (const { folder, mode } of closedFolders) await chmod(folder, mode);
  });

  it("a read-only dist/", async () => {
    const { project, before } = await builtThenEdited();
    const dist = path.join(project, "dist");
    await chmod(path.join(dist, "episodes/first-episode"), 0o555);
    await chmod(dist, 0o555);
    const failed = await castpressAsAuthor(["build"], project);
    expect(failed.code).toBe(1);
    expect(oneLine(failed)).toMatch(/^dist.*: writing the site into dist\/ failed: permission denied \(EACCES\) — make it readable and writable/);
    expect(await snapshotTree(dist)).toEqual(before);
    expect(await leftovers(project)).toEqual([]);

    await chmod(dist, 0o755);
    await chmod(path.join(dist, "episodes/first-episode"), 0o755);
    const next = await castpressAsAuthor(["build"], project);
    expect(next.code, next.stderr).toBe(0);
    expect(await title(dist)).toBe("The first episode, edited");
    expect(await leftovers(project)).toEqual([]);
  });

  it("a read-only cache, even one missing entries, only costs time: the build succeeds", async () => {
    const { project } = await builtThenEdited();
    const cache = path.join(project, ".cache/castpress");
    await rm(path.join(cache, "mjml"), { recursive: true, force: true });
    execFileSync("chmod", ["-R", "a-w", cache]);
    const result = await castpressAsAuthor(["build"], project);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(await title(path.join(project, "dist"))).toBe("The first episode, edited");
    expect(await readFile(path.join(project, "dist/email/first-episode.html"), "utf8")).toContain("The first episode, edited");
  });

  it("an episode castpress may not read: check and build name it and say what they were doing, in one line", async () => {
    const project = await copyFixture("workflow");
    await chmod(path.join(project, EPISODE), 0o000);
    for (const [command, doing] of [["check", "checking the project"], ["build", "reading the project's files"]] as const) {
      const result = await castpressAsAuthor([command], project);
      expect(result.code).toBe(1);
      expect(oneLine(result)).toMatch(new RegExp(`^${EPISODE}: ${doing} failed: permission denied \\(EACCES\\) — `));
    }
    expect(await readdir(project)).not.toContain("dist");
  });

  it.skipIf(process.getuid?.() !== 0)("a full disk (a small tmpfs)", async () => {
    const mount = await mkdtemp(path.join(os.tmpdir(), "castpress-full-disk-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=20m", "tmpfs", mount]);
    try {
      const project = path.join(mount, "show");
      await cp(built.project, project, { recursive: true });
      const before = await snapshotTree(path.join(project, "dist"));
      expect(before).toEqual(built.dist);
      await editTitle(project, "The first episode, edited");
      // Room for less than half of a second copy of the site: the build fills the disk midway.
      const disk = await statfs(mount);
      const usedKb = ((disk.blocks - disk.bfree) * disk.bsize) / 1024;
      const siteKb = Number(execFileSync("du", ["-sk", path.join(project, "dist")]).toString().split("\t")[0]);
      execFileSync("mount", ["-o", `remount,size=${Math.ceil(usedKb + siteKb / 2)}k`, mount]);

      const full = await castpress(["build"], { cwd: project });
      expect(full.code).toBe(1);
      expect(oneLine(full)).toMatch(/the disk is full \(ENOSPC\) — free some space/);
      expect(await snapshotTree(path.join(project, "dist"))).toEqual(before);
      expect(await leftovers(project)).toEqual([]);

      execFileSync("mount", ["-o", "remount,size=20m", mount]);
      const next = await buildInProcess(project);
      expect(next.code, next.stderr).toBe(0);
      expect(await title(path.join(project, "dist"))).toBe("The first episode, edited");
    } finally {
      execFileSync("umount", [mount]);
    }
  });
});

describe("two builds started together", () => {
  it("end with the output of the newest inputs, even when the older build finishes last", async () => {
    const { project } = await builtThenEdited();
    const older = spawn(process.execPath, [CLI, "build"], { cwd: project, env: { ...process.env, CI: "true" }, stdio: ["ignore", "pipe", "pipe"] });
    let olderOut = "";
    older.stdout.on("data", (chunk) => (olderOut += chunk));
    older.stderr.on("data", (chunk) => (olderOut += chunk));
    const olderExit = new Promise<number | null>((resolve) => older.on("exit", (code) => resolve(code)));
    // Hold the older build once it has read its inputs and is writing its site.
    for (;;) {
      const staging = (await leftovers(project)).find((name) => name.startsWith(".dist.staging-"));
      if (staging && (await readdir(path.join(project, staging), { recursive: true }).catch(() => [])).length > 0) break;
      if (older.exitCode !== null) throw new Error(`the first build ended too soon:\n${olderOut}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    older.kill("SIGSTOP");
    try {
      await editTitle(project, "The newest title");
      const newer = await buildInProcess(project);
      expect(newer.code, newer.stderr).toBe(0);
    } finally {
      older.kill("SIGCONT");
    }
    expect(await olderExit, olderOut).toBe(0);
    expect(await title(path.join(project, "dist"))).toBe("The newest title");
    expect(await leftovers(project)).toEqual([]);
  });
});

async function editTitle(project: string, newTitle: string): Promise<void> {
  const file = path.join(project, EPISODE);
  await writeFile(file, (await readFile(file, "utf8")).replace(/^title: .*$/m, `title: ${newTitle}`));
}
