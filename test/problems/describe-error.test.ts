import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuthorError, describeError, during } from "../../src/problems/describe-error.ts";
import { InputError } from "../../src/problems/problem.ts";

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
