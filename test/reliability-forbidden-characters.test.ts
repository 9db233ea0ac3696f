import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { email } from "../src/cli/commands/email.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/**
 * Regression: control characters, U+FFFE/U+FFFF and lone surrogates (which JSON-quoted YAML
 * can carry as \u escapes, and chat apps paste raw) were dropped from the feeds only: the
 * page, the email subject and the text twin showed them raw or as "�", so the outputs no
 * longer said the same. Found by test/property-episodes.test.ts.
 */
describe("characters no output can carry, in an episode", () => {
  it("are left out of every output alike", async () => {
    const project = await copyFixture("workflow");
    await writeFile(
      path.join(project, "episodes/2025-01-16-first-episode.md"),
      [
        "---",
        'title: "Ring\\u0007 the \\uFFFEbell\\uD800 北京\\u001B"',
        "date: 2025-01-16",
        "---",
        "",
        "A bell\u0007 rings\uFFFF twice.",
        "",
      ].join("\n"),
    );
    const result = await buildInProcess(project);
    expect(result.stderr).toBe("");
    const dist = path.join(project, "dist");
    const read = (file: string) => readFile(path.join(dist, file), "utf8");
    const title = "Ring the bell 北京";

    expect(await read("episodes/first-episode/index.html")).toContain(`<h1>${title}</h1>`);
    expect((await runInProcess(email, { root: project }, ["first-episode"])).code).toBe(0);
    expect((await simpleParser(await readFile(path.join(dist, "email/first-episode.eml")))).subject).toBe(title);
    expect((await read("email/first-episode.txt")).split("\n")).toContain(title);
    const feed = await new Parser().parseString(await read("feed.xml"));
    expect(feed.items[0]?.title).toBe(title);
    for (const file of ["episodes/first-episode/index.html", "email/first-episode.txt", "email/first-episode.html", "feed.xml"]) {
      expect(await read(file), file).not.toMatch(/[\u0007\u001B\uFFFE\uFFFF\uFFFD]/);
    }
  });
});
