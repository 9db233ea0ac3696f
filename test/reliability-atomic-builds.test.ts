import { spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { castpress, copyFixture, REPO_ROOT } from "./support/castpress-cli.ts";
import { snapshotTree } from "./support/tree-snapshot.ts";

const CLI = path.join(REPO_ROOT, "bin/castpress.js");
const EPISODE = "episodes/2025-01-16-first-episode.md";

/** What a build leaves beside dist/ while it runs, or after it was killed: `.dist.staging-<pid>-<time>`, `.dist.previous-<pid>`, `.dist.lock`. */
const leftovers = async (project: string) => (await readdir(project)).filter((name) => name.startsWith(".dist."));

/** A project built once, then edited, so a second build's output differs from the first's. */
async function builtThenEdited(): Promise<{ project: string; before: Record<string, string> }> {
  const project = await copyFixture("workflow");
  const first = await castpress(["build"], { cwd: project });
  expect(first.code, first.stderr).toBe(0);
  const before = await snapshotTree(path.join(project, "dist"));
  const file = path.join(project, EPISODE);
  await writeFile(file, (await readFile(file, "utf8")).replace("title: The first episode", "title: The first episode, edited"));
  return { project, before };
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
    const again = await castpress(["build", "--out", "dist-single"], { cwd: project });
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

      const next = await castpress(["build"], { cwd: project });
      expect(next.code, next.stderr).toBe(0);
      expect(await leftovers(project)).toEqual([]);
      const after = await snapshotTree(path.join(project, "dist"));
      expect(after).not.toEqual(before);
      expect(await readFile(path.join(project, "dist/episodes/first-episode/index.html"), "utf8")).toContain("The first episode, edited");
    });
  }
});
