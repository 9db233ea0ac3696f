import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuthorError, describeError, during, StepFailed } from "../../src/problems/describe-error.ts";
import { InputError } from "../../src/problems/problem.ts";
import { TEMPLATES_DIR } from "../../src/paths/package-files.ts";

const systemError = (code: string, syscall: string, file?: string): NodeJS.ErrnoException =>
  Object.assign(new Error(`${code}: something, ${syscall} '${file}'`), { code, syscall, ...(file && { path: file }) });

describe("describing a failure to the author", () => {
  it("says what castpress was doing, the file, the reason and what to do, on one line", async () => {
    const file = path.join(process.cwd(), "dist/episodes/a/index.html");
    const error = await during("writing the site into dist/", "dist", () => Promise.reject(systemError("ENOSPC", "write", file))).catch((caught) => caught);
    const lines = describeError(error);
    expect(lines).toEqual([expect.stringMatching(/^dist\/episodes\/a\/index\.html: writing the site into dist\/ failed: the disk is full \(ENOSPC\) — free some space/)]);
  });

  it("names the step's file when the system's error names none", async () => {
    const error = await during("writing the site into dist/", "dist", () => Promise.reject(systemError("EACCES", "write"))).catch((caught) => caught);
    expect(describeError(error)).toEqual([expect.stringMatching(/^dist: writing the site into dist\/ failed: permission denied \(EACCES\) — make it readable and writable/)]);
  });

  it("keeps a library's message of several lines, wrapped by Eleventy, to one line without its stack", () => {
    const inner = new Error("MJML rejected the email rendered from templates/email/issue.njk:\nLine 3 of mj-text: unknown attribute\n    at compile (/x/y.js:1:2)");
    const outer = Object.assign(new Error("Having trouble rendering njk template email-html.njk"), { originalError: inner });
    const lines = describeError(outer);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("MJML rejected the email rendered from templates/email/issue.njk: Line 3 of mj-text: unknown attribute");
    expect(lines[0]).not.toMatch(/at compile/);
  });

  it("gives each problem of an input error its own file:line line, however deeply wrapped", () => {
    const problems = [{ severity: "error" as const, file: "episodes/a.md", line: 4, message: "bad", hint: "fix it" }];
    const wrapped = Object.assign(new Error("outer"), { originalError: new InputError(problems) });
    expect(describeError(wrapped)).toEqual(["episodes/a.md:4: bad — fix it"]);
    expect(describeError(new AuthorError("dist", "is a file", "give a folder"))).toEqual(["dist: is a file — give a folder"]);
  });
});

describe("a failure in a template", () => {
  // Real Nunjucks errors, from an environment over a folder of templates as a project's would be.
  const templatesIn = async (files: Record<string, string>) => {
    const { mkdtemp, mkdir, writeFile } = await import("node:fs/promises");
    const os = await import("node:os");
    const { default: nunjucks } = await import("nunjucks");
    const folder = await mkdtemp(path.join(os.tmpdir(), "castpress-templates-"));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await writeFile(path.join(folder, name), text);
    }
    return { folder, environment: new nunjucks.Environment(new nunjucks.FileSystemLoader(folder)) };
  };

  it("names the template and the line where it failed, the innermost one of an include", async () => {
    const { folder, environment } = await templatesIn({
      "layouts/page.njk": "<h1>Title</h1>\n{% include 'partials/facts.njk' %}\n",
      "partials/facts.njk": "<p>\n{{ episode.title() }}\n</p>\n",
    });
    const error = (() => {
      try {
        environment.render("layouts/page.njk", { episode: { title: "A title" } });
      } catch (caught) {
        return caught;
      }
    })();
    const [line] = describeError(new StepFailed("writing the site into dist/", "dist", error));
    // The folder is outside the working directory, so it is named in full.
    expect(line!.startsWith(`${path.join(folder, "partials/facts.njk")}:2: writing the site into dist/ failed: Unable to call`)).toBe(true);
    expect(line).toMatch(/not a function — fix the template, then run the command again$/);
  });

  it("names the template and the line of an unknown filter, which Nunjucks reports without a line", async () => {
    const { folder, environment } = await templatesIn({ "blocks/quote/web.njk": "<blockquote>\n<p>{{ block.text }}</p>\n<footer>{{ block.speaker | noSuchFilter }}</footer>\n</blockquote>\n" });
    const error = (() => {
      try {
        environment.render("blocks/quote/web.njk", { block: { speaker: "Someone" } });
      } catch (caught) {
        return new Error(`templates/blocks/quote/web.njk failed while rendering episodes/a.md: ${(caught as Error).message}`, { cause: caught });
      }
    })();
    const [line] = describeError(error);
    expect(line).toBe(`${path.join(folder, "blocks/quote/web.njk")}:3: filter not found: noSuchFilter (while rendering episodes/a.md) — fix the template, then run the command again`);
  });

  it("does not ask the author to edit castpress's own template", () => {
    const file = path.join(TEMPLATES_DIR, "partials/episode-body.njk");
    const error = new Error(`(${file}) [Line 4, Column 3]\n  Error: Cannot read properties of undefined (reading 'length')`);
    const [line] = describeError(new StepFailed("writing the site into dist/", "dist", error));
    expect(line).toContain("partials/episode-body.njk:5: writing the site into dist/ failed: Cannot read properties of undefined");
    expect(line).toContain("castpress's own template failed");
    expect(line).not.toContain("fix the template");
  });
});
