import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIG_EPISODE_BYTES, BIG_PEOPLE, BIG_TAGS, writeBigInputs } from "../scripts/bench/big-inputs.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { linksIn } from "./support/page-links.ts";
import { parseStrictXml } from "./support/strict-xml.ts";

/**
 * Generated in a temporary project: one 2 MB episode, a people directory of 10,000 entries
 * and 5,000 tags (100 on each of 50 episodes). Peak memory and time are measured by the
 * benchmark (scripts/bench.ts); here the build must succeed and every page be there, found as a
 * reader finds it: the tags index and the people index link each page (design: /tags/<tag>/,
 * /people/<person>/).
 */
describe("big inputs", () => {
  it("a 2 MB episode, 10,000 people in the directory and 5,000 tags build", async () => {
    const project = await copyFixture("workflow");
    const { tags, paragraphs } = await writeBigInputs(project);

    const result = await buildInProcess(project);
    // Warnings are fine (the 2 MB email is over Gmail's clip); errors are not.
    expect(result.stderr.split("\n").filter((line) => line !== "" && !/^[\w./-]+:\d+: warning: /.test(line))).toEqual([]);
    expect(result.code, result.stderr).toBe(0);

    const dist = path.join(project, "dist");
    const page = await readFile(path.join(dist, "episodes/first-episode/index.html"), "utf8");
    expect(Buffer.byteLength(page)).toBeGreaterThan(BIG_EPISODE_BYTES);
    expect(page).toContain("Paragraph 0:");
    expect(page).toContain(`Paragraph ${paragraphs - 1}:`);
    const feed = await readFile(path.join(dist, "feed.xml"), "utf8");
    expect(() => parseStrictXml(feed)).not.toThrow();

    const pages = new Set((await readdir(dist, { recursive: true })).map((file) => `/${file.split(path.sep).join("/")}`));
    const tagLinks = linksIn(await readFile(path.join(dist, "tags/index.html"), "utf8"), "index-list");
    expect(tagLinks.map((link) => link.text).sort()).toEqual([...tags].sort());
    expect(new Set(tagLinks.map((link) => link.href)).size).toBe(BIG_TAGS);
    expect(tagLinks.filter((link) => !link.href.startsWith("/tags/") || !pages.has(`${link.href}index.html`))).toEqual([]);

    // The people the episodes mention: Person 0 to 49 in the big one, the last 50 of the directory in the tagged ones.
    const mentioned = [...Array.from({ length: 50 }, (_, index) => index), ...Array.from({ length: 50 }, (_, index) => BIG_PEOPLE - 1 - index)].map((index) => `Person ${index}`);
    const personLinks = linksIn(await readFile(path.join(dist, "people/index.html"), "utf8"), "person-name");
    expect(personLinks.map((link) => link.text).sort()).toEqual(mentioned.sort());
    expect(personLinks.filter((link) => !link.href.startsWith("/people/") || !pages.has(`${link.href}index.html`))).toEqual([]);
  }, 600_000);
});
