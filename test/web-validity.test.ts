import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { archivePage, episodePage, notFoundPage, peopleIndex, personPage, tagPage, tagsIndex } from "../src/paths/output-paths.ts";
import { buildFixture, castpress, copySample } from "./support/castpress-cli.ts";

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
    dist = await mkdtemp(path.join(os.tmpdir(), "castpress-web-validity-"));
    const built = await castpress(["build", "--out", dist], { cwd: await copySample() });
    expect(built.code, built.stderr).toBe(0);
  });

  it.each([
    ["home", archivePage(1)],
    ["episode with audio and chapters", episodePage("china-japan-relations-reset")],
    ["episode without audio", episodePage("fukushima-seafood-talks")],
    ["tags index", tagsIndex()],
    ["tag", tagPage("japan")],
    ["people index", peopleIndex()],
    ["person", personPage("fukuda-tatsuo")],
    ["404", notFoundPage()],
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
    ["home", archivePage(1)],
    ["archive page 2", archivePage(2)],
    ["episode with a hostile title", episodePage("escaping")],
    ["episode with quote, timeline, reading and footnote", episodePage("second")],
    ["tag with a hostile name", tagPage("R&D <i>")],
    ["person", personPage("wang-yi")],
  ])("%s (%s)", async (_type, page) => {
    expect(await problemsIn(pageFile(dist, page))).toEqual([]);
  });
});
