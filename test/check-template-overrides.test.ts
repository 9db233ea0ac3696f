import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyDigest, REPO_ROOT } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/** A copy of the sample with its own templates/partials/subscribe.njk, made from castpress's by `edit`. */
async function sampleOverriding(edit: (template: string) => string): Promise<string> {
  const project = await copyDigest();
  const template = await readFile(path.join(REPO_ROOT, "templates/partials/subscribe.njk"), "utf8");
  await mkdir(path.join(project, "templates/partials"), { recursive: true });
  await writeFile(path.join(project, "templates/partials/subscribe.njk"), edit(template));
  return project;
}

describe("check on a project's own templates", () => {
  it("names the override, the line and the variable castpress no longer gives it", async () => {
    const project = await sampleOverriding((template) => `${template}\n<p>{{ listSignupText }}</p>\n`);
    const line = (await readFile(path.join(project, "templates/partials/subscribe.njk"), "utf8")).split("\n").indexOf("<p>{{ listSignupText }}</p>") + 1;
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr.trimEnd()).toBe(
      `templates/partials/subscribe.njk:${line}: warning: "listSignupText" is not a variable castpress gives its templates (any more) — compare this file with node_modules/castpress/templates/partials/subscribe.njk, and use the name it uses`,
    );
    expect(result.code).toBe(0);
  });

  it("says nothing of an override that uses what castpress gives, its own set and for names, and builds with it", async () => {
    const project = await sampleOverriding((template) => `{% set greeting = "Read us where you like" %}<p class="own">{{ greeting }}: {{ site.title }}</p>\n${template}`);
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr).toBe("");
    const built = await buildInProcess(project);
    expect(built.code, built.stderr).toBe(0);
    expect(await readFile(path.join(project, "dist/index.html"), "utf8")).toContain('<p class="own">Read us where you like: Across the Strait</p>');
  });

  it("reports an override that is not valid Nunjucks as an error, before anything is built", async () => {
    const project = await sampleOverriding((template) => `${template}{{ site.title `);
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr).toMatch(/^templates\/partials\/subscribe\.njk:1: this template is not valid Nunjucks: .+ — fix its syntax$/m);
    expect(result.code).toBe(1);
  });
});
