import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { personPage, personSlug, tagPage } from "../src/paths.ts";
import { castpress, copyFixture } from "./support/castpress-cli.ts";
import { parseStrictXml } from "./support/strict-xml.ts";

const PEOPLE = 10_000;
const TAGS = 5_000;
const BIG_EPISODE_BYTES = 2 * 1024 * 1024;
/** The tags are spread over this many episodes, 100 each. */
const TAGGED_EPISODES = 50;

/** A paragraph of the kind the sample is made of: Chinese original, English translation, a person. */
const paragraph = (index: number) =>
  `Paragraph ${index}: [[Person ${index % 50}]] said 加强政治对话,促进人文交流 — strengthen political dialogue & promote exchanges <${index}>.\n\n`;

/**
 * Generated in a temporary project: one 2 MB episode, a people directory of 10,000 entries
 * and 5,000 tags (100 on each of 50 episodes). Peak memory is measured by the benchmark (scripts/bench.ts);
 * here the build must succeed and every page be there.
 */
describe("big inputs", () => {
  it("a 2 MB episode, 10,000 people in the directory and 5,000 tags build", async () => {
    const project = await copyFixture("workflow");
    const people = Array.from({ length: PEOPLE }, (_, index) => `- name: "Person ${index}"\n  native: "人物${index}"\n  lang: zh\n  role: "Role ${index}"\n`);
    await writeFile(path.join(project, "people.yaml"), people.join(""));

    let body = "";
    for (let index = 0; Buffer.byteLength(body) < BIG_EPISODE_BYTES; index++) body += paragraph(index);
    await writeFile(path.join(project, "episodes/2025-01-16-first-episode.md"), `---\ntitle: The big one\ndate: 2025-01-16\n---\n\n${body}`);
    const tags = Array.from({ length: TAGS }, (_, index) => `tag ${index} 標籤`);
    for (let episode = 0; episode < TAGGED_EPISODES; episode++) {
      const own = tags.slice(episode * (TAGS / TAGGED_EPISODES), (episode + 1) * (TAGS / TAGGED_EPISODES));
      await writeFile(
        path.join(project, `episodes/2025-02-01-tagged-${episode}.md`),
        `---\ntitle: Tagged ${episode}\ndate: 2025-02-01\ntags: [${own.map((tag) => JSON.stringify(tag)).join(", ")}]\n---\n\n[[Person ${PEOPLE - 1 - episode}]] on ${own.length} tags.\n`,
      );
    }

    const result = await castpress(["build"], { cwd: project });
    // Warnings are fine (the 2 MB email is over Gmail's clip); errors are not.
    expect(result.stderr.split("\n").filter((line) => line !== "" && !/^[\w./-]+:\d+: warning: /.test(line))).toEqual([]);
    expect(result.code, result.stderr).toBe(0);

    const dist = path.join(project, "dist");
    const page = await readFile(path.join(dist, "episodes/first-episode/index.html"), "utf8");
    expect(Buffer.byteLength(page)).toBeGreaterThan(BIG_EPISODE_BYTES);
    expect(page).toContain("Paragraph 0:");
    expect(page).toContain(`Paragraph ${Math.floor(body.split("\n\n").length) - 2}:`);
    const feed = await readFile(path.join(dist, "feed.xml"), "utf8");
    expect(() => parseStrictXml(feed)).not.toThrow();

    const tagPages = await readdir(path.join(dist, "tags"));
    for (const tag of [tags[0]!, tags[TAGS - 1]!]) expect(tagPages).toContain(path.basename(tagPage(tag)));
    expect(tagPages.filter((name) => name !== "index.html")).toHaveLength(TAGS);
    for (const name of ["Person 0", "Person 49", `Person ${PEOPLE - 1}`]) {
      expect(await readdir(path.join(dist, personPage(personSlug(name))))).toContain("index.html");
    }
  }, 600_000);
});

