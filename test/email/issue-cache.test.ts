import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { addEmailFilters } from "../../src/email/email-filters.ts";
import { IssueCache } from "../../src/email/issue-cache.ts";
import { EmailRenderer, type EmailSite } from "../../src/email/render-email.ts";
import { writeEmailIssues } from "../../src/email/write-issues.ts";
import type { Episode } from "../../src/episode/episode.ts";
import { isLoaded, loadProject, type Project } from "../../src/project/load-project.ts";
import { templateEnvironments } from "../../src/rendering/template-environments.ts";
import { copyFixture } from "../support/castpress-cli.ts";
import { snapshotTree } from "../support/tree-snapshot.ts";

/**
 * Rendered issues kept in .cache/castpress/outputs/ by what made them: a build whose cache was
 * restored (a fresh CI checkout) writes the same emails without rendering the unchanged ones,
 * and never trusts an entry it cannot verify.
 */
let project: Project;
let site: EmailSite;
/** How many issues the renderer was asked for since the test began. */
let renders: number;

beforeEach(async () => {
  const loaded = await loadProject(await copyFixture("email-escaping"));
  if (!isLoaded(loaded)) throw new Error("email-escaping did not load");
  project = loaded;
  site = { site: project.site };
  renders = 0;
});

const episodes = (count: number): Episode[] => Array.from({ length: count }, (_, index) => ({ ...project.episodes[0]!, slug: `issue-${index + 1}` }));

/** A build's writing of the issues, with a renderer of its own that counts what it renders: each file's hash. */
async function build(list: Episode[], castpress = site): Promise<Record<string, string>> {
  return snapshotTree(await buildInto(list, castpress));
}

async function buildInto(list: Episode[], castpress = site): Promise<string> {
  const templates = templateEnvironments(project.root);
  addEmailFilters(templates);
  const renderer = new EmailRenderer(templates, path.join(project.root, ".cache/castpress/mjml"));
  const counting = { render: (...args: Parameters<EmailRenderer["render"]>) => (renders++, renderer.render(...args)) } as EmailRenderer;
  const output = await mkdtemp(path.join(os.tmpdir(), "castpress-emails-"));
  const cache = await IssueCache.open(project.root, castpress);
  await writeEmailIssues(counting, list, { castpress, output, cache });
  await cache.removeUnused();
  return output;
}

const entriesDir = () => path.join(project.root, ".cache/castpress/outputs");
const entries = async () => (await readdir(entriesDir())).map((name) => path.join(entriesDir(), name));

describe("the cache of rendered issues", () => {
  it("gives a build with the cache restored the same emails, rendering none", async () => {
    const first = await build(episodes(4));
    expect(renders).toBe(4);
    expect(await entries()).toHaveLength(4);
    renders = 0;
    expect(await build(episodes(4))).toEqual(first);
    expect(renders).toBe(0);
  });

  it("renders again an entry that is cut short or altered, and the emails are the same", async () => {
    const first = await build(episodes(4));
    const [cut, altered] = await entries();
    const text = await readFile(altered!, "utf8");
    await writeFile(cut!, (await readFile(cut!, "utf8")).slice(0, 200));
    await writeFile(altered!, text.replace("Jerry", "Jarry"));
    renders = 0;
    expect(await build(episodes(4))).toEqual(first);
    expect(renders).toBe(2);
  });

  it("renders anew an episode that changed, and every issue when the site's settings or a template changed", async () => {
    await build(episodes(3));
    renders = 0;
    const changed = episodes(3).map((episode, index) => (index === 1 ? { ...episode, title: "A new title" } : episode));
    const output = await buildInto(changed);
    expect(renders).toBe(1);
    expect(await readFile(path.join(output, "email/issue-2.txt"), "utf8")).toContain("A new title");

    renders = 0;
    await build(changed, { site: { ...project.site, title: "Another title" } });
    expect(renders).toBe(3);

    renders = 0;
    const override = path.join(project.root, "templates/email/continue-reading.njk");
    await mkdir(path.dirname(override), { recursive: true });
    await writeFile(override, "<p>Read the rest on the web.</p>\n");
    await build(changed, { site: { ...project.site, title: "Another title" } });
    expect(renders).toBe(3);
  });

  it("keeps only the entries of the issues a build of every issue made", async () => {
    await build(episodes(5));
    expect(await entries()).toHaveLength(5);
    await build(episodes(2));
    expect(await entries()).toHaveLength(2);
  });
});
