import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createEleventy } from "../../src/build/run-eleventy.ts";
import { copyFixture, REPO_ROOT } from "../support/castpress-cli.ts";

/**
 * castpress's Eleventy plugin gets everything from the options object it is added with:
 * builds of different projects, with different options, side by side in one process, each
 * make their own site and leave the environment as it was.
 */
describe("addPlugin(castpress, options)", () => {
  it("builds two projects with different options at once in one process, each from its own options", async () => {
    const [drafts, agree] = await Promise.all([copyFixture("episode-drafts"), copyFixture("outputs-agree")]);
    const out = await mkdtemp(path.join(os.tmpdir(), "castpress-plugin-"));
    const environment = { ...process.env };
    const builds = [
      { root: drafts, drafts: true, output: path.join(out, "with-drafts") },
      { root: drafts, drafts: false, output: path.join(out, "published") },
      { root: agree, drafts: false, output: path.join(out, "agree") },
    ];
    // "watch" leaves out the search index: Pagefind runs one indexer per process, which the first build to finish closes.
    await Promise.all(builds.map(async ({ output, ...options }) => (await createEleventy(options, output, { runMode: "watch" })).write()));

    const page = (build: string, slug: string) => existsSync(path.join(out, build, "episodes", slug, "index.html"));
    // Slugs from the fixtures' file names (docs/episode-format.md: the slug is the file name without its date).
    expect(page("with-drafts", "draft")).toBe(true);
    expect(page("published", "draft")).toBe(false);
    expect(page("published", "published")).toBe(true);
    expect(page("published", "summary")).toBe(false);
    expect(page("agree", "summary")).toBe(true);
    expect(page("agree", "published")).toBe(false);
    // episode-drafts has no email settings, so no email issues; outputs-agree has them.
    expect(existsSync(path.join(out, "published", "email"))).toBe(false);
    expect(existsSync(path.join(out, "agree", "email", "summary.html"))).toBe(true);
    // Eleventy itself sets ELEVENTY_* variables for templates (https://www.11ty.dev/docs/environment-vars/); castpress sets none.
    const own = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("ELEVENTY_")));
    expect(own(process.env)).toEqual(own(environment));
  });

  it("runs as a bare `npx @11ty/eleventy` over the project in the current folder", async () => {
    const project = await copyFixture("outputs-agree");
    const output = path.join(project, "_site");
    await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), `--config=${path.join(REPO_ROOT, ".eleventy.js")}`, `--output=${output}`, "--quiet"], {
      cwd: project,
      env: { ...process.env, CI: "true" },
    });
    for (const file of ["index.html", "episodes/summary/index.html", "feed.xml", "podcast.xml", "email/summary.html"]) {
      expect(existsSync(path.join(output, file)), file).toBe(true);
    }
  });
});
