import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addEmailFilters } from "../../src/email/email-filters.ts";
import { EmailRenderer, type EmailIssue } from "../../src/email/render-email.ts";
import { writeEmailIssues } from "../../src/email/write-issues.ts";
import type { Episode } from "../../src/episode/episode.ts";
import { isLoaded, loadProject, type Project } from "../../src/project/load-project.ts";
import { templateEnvironments } from "../../src/rendering/template-environments.ts";
import { FIXTURES } from "../support/castpress-cli.ts";
import { firstElementText } from "../support/html-text.ts";

/**
 * The build writes each email issue itself, outside Eleventy, at the paths the design promises
 * (`dist/email/<slug>.html` and `.txt`), and fails with the first error rather than going on.
 */
let project: Project;
let renderer: EmailRenderer;

beforeAll(async () => {
  const loaded = await loadProject(path.join(FIXTURES, "email-escaping"));
  if (!isLoaded(loaded)) throw new Error("email-escaping did not load");
  project = loaded;
  const templates = templateEnvironments(project.root);
  addEmailFilters(templates);
  renderer = new EmailRenderer(templates, await mkdtemp(path.join(os.tmpdir(), "castpress-mjml-")));
});

/** The fixture's episode under other slugs, as many as asked. */
const copies = (count: number): Episode[] => Array.from({ length: count }, (_, index) => ({ ...project.episodes[0]!, slug: `copy-${index + 1}` }));

describe("writing the email issues of a build", () => {
  it("writes each episode's HTML and text twin at email/<slug>.html and .txt, and nothing else", async () => {
    const output = await mkdtemp(path.join(os.tmpdir(), "castpress-emails-"));
    const warnings = await writeEmailIssues(renderer, copies(7), { castpress: project, output });
    expect(warnings).toEqual([]);
    const expected = Array.from({ length: 7 }, (_, index) => [`copy-${index + 1}.html`, `copy-${index + 1}.txt`]).flat();
    expect((await readdir(output, { recursive: true })).sort()).toEqual(["email", ...expected.map((name) => `email/${name}`)].sort());
    const html = await readFile(path.join(output, "email/copy-3.html"), "utf8");
    const text = await readFile(path.join(output, "email/copy-3.txt"), "utf8");
    // The title as the fixture writes it, as a browser reads the HTML's heading and in the text.
    const title = `Tom & Jerry's "Best" <Day> <script>alert(1)</script> 🎉`;
    expect(firstElementText(html, "h1")).toBe(title);
    expect(text).toContain(title);
  });

  it("writes nothing for a build without emails", async () => {
    const output = await mkdtemp(path.join(os.tmpdir(), "castpress-emails-"));
    expect(await writeEmailIssues(renderer, [], { castpress: project, output })).toEqual([]);
    expect(await readdir(output)).toEqual([]);
  });

  it("returns each clip warning once, in episode order", async () => {
    const output = await mkdtemp(path.join(os.tmpdir(), "castpress-emails-"));
    const clipping = {
      render: async (episode: Episode): Promise<Partial<EmailIssue>> => ({
        html: "<p>x</p>",
        text: "x\n",
        ...(episode.slug.endsWith("2") || episode.slug.endsWith("5") ? { clipWarning: `${episode.slug}: cut` } : {}),
      }),
    } as unknown as EmailRenderer;
    expect(await writeEmailIssues(clipping, copies(6), { castpress: project, output })).toEqual(["copy-2: cut", "copy-5: cut"]);
  });

  it("stops at the first error and rejects with it, rendering no more issues", async () => {
    const output = await mkdtemp(path.join(os.tmpdir(), "castpress-emails-"));
    let rendered = 0;
    const failing = {
      render: async (episode: Episode): Promise<Partial<EmailIssue>> => {
        rendered++;
        if (episode.slug === "copy-3") throw new Error("MJML rejected copy-3");
        return { html: "<p>x</p>", text: "x\n" };
      },
    } as unknown as EmailRenderer;
    await expect(writeEmailIssues(failing, copies(50), { castpress: project, output })).rejects.toThrow("MJML rejected copy-3");
    expect(rendered).toBeLessThan(10);
  });

  it("fails, naming the path, when the email folder cannot be made", async () => {
    const output = await mkdtemp(path.join(os.tmpdir(), "castpress-emails-"));
    await writeFile(path.join(output, "email"), "a file where the folder goes");
    await expect(writeEmailIssues(renderer, copies(1), { castpress: project, output })).rejects.toThrow(path.join(output, "email"));
  });

  it("starts no new issue once the build has failed, and none at all if it failed before", async () => {
    const output = await mkdtemp(path.join(os.tmpdir(), "castpress-emails-"));
    const failedBuild = new AbortController();
    let rendered = 0;
    const slow = {
      render: async (episode: Episode): Promise<Partial<EmailIssue>> => {
        if (++rendered === 3) failedBuild.abort();
        return { html: `<p>${episode.slug}</p>`, text: "x\n" };
      },
    } as unknown as EmailRenderer;
    await writeEmailIssues(slow, copies(50), { castpress: project, output, signal: failedBuild.signal });
    expect(rendered).toBeLessThan(10);
    const empty = await mkdtemp(path.join(os.tmpdir(), "castpress-emails-"));
    await writeEmailIssues(renderer, copies(5), { castpress: project, output: empty, signal: failedBuild.signal });
    expect(await readdir(empty)).toEqual([]);
  });
});
