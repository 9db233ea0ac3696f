import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TEMPLATES_DIR } from "../src/paths/package-files.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { castpress, copyFixture } from "./support/castpress-cli.ts";

/** MJML compiles the email shell strictly, once per shape and build, and a rebuild only when a template changed. */
describe("an email template MJML rejects", () => {
  it("fails the build with MJML's message, naming the template and the episode, and leaves no output", async () => {
    // The fixture's own templates/email/footer.mjml.njk puts an mj-text straight in an mj-section.
    const project = await copyFixture("email-broken-template");
    const result = await castpress(["build"], { cwd: project });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("MJML rejected the email rendered from templates/email/issue.mjml.njk (episode episodes/2025-02-01-escaping.md)");
    expect(result.stderr).toMatch(/mj-text cannot be used inside mj-section/);
    await expect(stat(path.join(project, "dist"))).rejects.toThrow();
  }, 120_000);
});

describe("the MJML cache", () => {
  it("compiles the shell once per shape, not per episode: an episode edit compiles nothing, a template edit compiles anew", async () => {
    const project = await copyFixture("email-escaping");
    const episodes = path.join(project, "episodes");
    const first = path.join(episodes, "2025-02-01-escaping.md");
    const firstText = await readFile(first, "utf8");
    // Same shape as the first (a subtitle, no audio, no image): the same shell.
    await writeFile(path.join(episodes, "2025-02-02-second.md"), withFrontMatter(firstText, "A second issue", "0b1f4a8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b", "2025-02-02"));
    // No subtitle: a shell of its own.
    await writeFile(
      path.join(episodes, "2025-02-03-third.md"),
      withFrontMatter(firstText, "A third issue", "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "2025-02-03").replace(/^subtitle: .*\n/m, ""),
    );
    const cache = path.join(project, ".cache/castpress/mjml");
    const entries = async () => (await readdir(cache)).filter((name) => name.endsWith(".json")).sort();
    const email = (slug: string) => readFile(path.join(project, `dist/email/${slug}.html`), "utf8");
    const build = async () => {
      const result = await buildInProcess(project);
      expect(result.code, result.stderr).toBe(0);
    };

    await build();
    const cold = await entries();
    expect(cold).toHaveLength(2);
    expect(await email("second")).toContain("A second issue</h1>");
    expect(await email("third")).toContain("A third issue</h1>");
    expect(await email("third")).not.toContain('class="subtitle"');
    const secondHtml = await email("second");

    await writeFile(first, firstText.replace("They met.", "They met, and talked."));
    await build();
    expect(await entries()).toEqual(cold);
    expect(await email("escaping")).toContain("They met, and talked.");
    expect(await email("second")).toBe(secondHtml);

    // A project's own footer: a different shell MJML, so both shapes compile anew.
    const footer = await readFile(path.join(TEMPLATES_DIR, "email/footer.mjml.njk"), "utf8");
    await mkdir(path.join(project, "templates/email"), { recursive: true });
    await writeFile(path.join(project, "templates/email/footer.mjml.njk"), footer.replace("<p>{{ site.email.postalAddress }}</p>", "<p>Thanks for reading.</p><p>{{ site.email.postalAddress }}</p>"));
    await build();
    const edited = await entries();
    expect(edited).toHaveLength(4);
    for (const slug of ["escaping", "second", "third"]) expect(await email(slug)).toContain("Thanks for reading.");
  }, 180_000);
});

describe("a shell template that alters an episode's placeholder", () => {
  it("fails the build, saying which value came out of MJML changed and how to print it", async () => {
    const project = await copyFixture("email-escaping");
    const header = await readFile(path.join(TEMPLATES_DIR, "email/header.mjml.njk"), "utf8");
    await mkdir(path.join(project, "templates/email"), { recursive: true });
    await writeFile(path.join(project, "templates/email/header.mjml.njk"), header.replace("<h1>{{ issue.title }}</h1>", "<h1>{{ issue.title | upper }}</h1>"));
    const result = await castpress(["build"], { cwd: project });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("the email shell rendered from templates/email/issue.mjml.njk (episode episodes/2025-02-01-escaping.md)");
    expect(result.stderr).toContain("print each issue.* value as it is, with no filter");
    await expect(stat(path.join(project, "dist"))).rejects.toThrow();
  }, 120_000);
});

function withFrontMatter(episode: string, title: string, guid: string, date: string): string {
  return episode.replace(/^title: .*$/m, `title: ${title}`).replace(/^guid: .*$/m, `guid: ${guid}`).replace(/^date: .*$/m, `date: ${date}`);
}
