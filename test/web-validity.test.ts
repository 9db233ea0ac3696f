import { readFile } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { linksIn } from "./support/page-links.ts";

// The pages' paths are the design's (shared/docs/design.md, "Outputs"), written out; a hostile
// tag's page, whose spelling the design leaves to castpress, is the one its episode links to.

// html-validate's recommended rules: every page type must pass them with no error.
const validator = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // A search-engine heuristic, not validity: <title> holds the author's episode title,
    // which castpress shows whole rather than cutting at 70 characters.
    "long-title": "off",
  },
});

/** The file a root-relative page path is written to. */
const pageFile = (dist: string, page: string) => path.join(dist, page.endsWith("/") ? `${page}index.html` : page);

async function problemsIn(file: string): Promise<string[]> {
  const report = await validator.validateFile(file);
  return report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

describe("the sample project's pages are valid HTML", () => {
  let dist: string;
  beforeAll(async () => {
    ({ dist } = await buildFixture("east-asia-digest"));
  });

  it.each([
    ["home", "/"],
    ["episode with audio and chapters", "/episodes/beijing-talks-resume/"],
    ["episode without audio", "/episodes/seafood-import-talks/"],
    ["tags index", "/tags/"],
    ["tag", "/tags/japan/"],
    ["people index", "/people/"],
    ["person", "/people/fukuda-tatsuo/"],
    ["404", "/404.html"],
  ])("%s (%s)", async (_type, page) => {
    expect(await problemsIn(pageFile(dist, page))).toEqual([]);
  });
});

describe("the fixture's pages are valid HTML, page 2 and hostile titles included", () => {
  let dist: string;
  beforeAll(async () => {
    ({ dist } = await buildFixture("web-archive", { now: "2025-06-01T00:00:00Z" }));
  });

  it.each([
    ["home", "/"],
    ["archive page 2", "/page/2/"],
    ["episode with a hostile title", "/episodes/escaping/"],
    ["episode with quote, timeline, reading and footnote", "/episodes/second/"],
    ["person", "/people/wang-yi/"],
  ])("%s (%s)", async (_type, page) => {
    expect(await problemsIn(pageFile(dist, page))).toEqual([]);
  });

  it("tag with a hostile name (the page its episode links to)", async () => {
    const episode = await readFile(pageFile(dist, "/episodes/escaping/"), "utf8");
    const tagPage = linksIn(episode, "episode-tags").find((link) => link.text === "R&D <i>")?.href;
    expect(tagPage).toMatch(/^\/tags\/[^/]+\/$/);
    expect(await problemsIn(pageFile(dist, tagPage!))).toEqual([]);
  });
});
