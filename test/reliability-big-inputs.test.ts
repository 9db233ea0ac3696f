import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { personPage, personSlug, tagPage } from "../src/paths/output-paths.ts";
import { BIG_EPISODE_BYTES, BIG_PEOPLE, BIG_TAGS, writeBigInputs } from "../scripts/bench/big-inputs.ts";
import { castpress, copyFixture } from "./support/castpress-cli.ts";
import { parseStrictXml } from "./support/strict-xml.ts";

/**
 * Generated in a temporary project: one 2 MB episode, a people directory of 10,000 entries
 * and 5,000 tags (100 on each of 50 episodes). Peak memory is measured by the benchmark (scripts/bench.ts);
 * here the build must succeed and every page be there.
 */
describe("big inputs", () => {
  it("a 2 MB episode, 10,000 people in the directory and 5,000 tags build", async () => {
    const project = await copyFixture("workflow");
    const { tags, paragraphs } = await writeBigInputs(project);

    const result = await castpress(["build"], { cwd: project });
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

    const tagPages = await readdir(path.join(dist, "tags"));
    for (const tag of [tags[0]!, tags[BIG_TAGS - 1]!]) expect(tagPages).toContain(path.basename(tagPage(tag)));
    expect(tagPages.filter((name) => name !== "index.html")).toHaveLength(BIG_TAGS);
    for (const name of ["Person 0", "Person 49", `Person ${BIG_PEOPLE - 1}`]) {
      expect(await readdir(path.join(dist, personPage(personSlug(name))))).toContain("index.html");
    }
  }, 600_000);
});

