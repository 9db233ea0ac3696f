import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { linksIn } from "./support/page-links.ts";

/**
 * Regression: a tag or a person's name longer than a file name may be (255 bytes) made the
 * build fail with ENAMETOOLONG from deep inside Eleventy, reported as "ENOTEMPTY: directory
 * not empty" when cleaning up. Found by test/property-episodes.test.ts.
 */
describe("a tag and a person whose names are longer than a file name may be", () => {
  it("build, each with a page of its own that the episode links to", async () => {
    const project = await copyFixture("workflow");
    const longTag = "&amp;".repeat(120);
    const longCjkTag = "北京".repeat(100);
    const longName = "Fukuda Tatsuo of the Liberal Democratic Party ".repeat(8).trim();
    const alsoLongName = `${longName} junior`;
    await writeFile(
      path.join(project, "episodes/2025-01-17-long.md"),
      [
        "---",
        "title: Long names",
        "date: 2025-01-17",
        `tags: ["${longTag}", "${longCjkTag}", "${longTag}x"]`,
        "people:",
        `  - name: "${longName}"`,
        `  - name: "${alsoLongName}"`,
        "---",
        "",
        `[[${longName}]] and [[${alsoLongName}]] met.`,
        "",
      ].join("\n"),
    );
    const result = await buildInProcess(project);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);

    const dist = path.join(project, "dist");
    const episode = await readFile(path.join(dist, "episodes/long/index.html"), "utf8");
    const pages = [
      ...[longTag, `${longTag}x`, longCjkTag].map((tag) => linkTo(episode, "episode-tags", tag)),
      ...[longName, alsoLongName].map((name) => linkTo(episode, "person-name", name)),
    ];
    expect(new Set(pages).size).toBe(pages.length);
    for (const page of pages) {
      expect(page).toMatch(/^\/(tags|people)\/[^/]+\/$/);
      expect(Buffer.byteLength(path.basename(page))).toBeLessThanOrEqual(255);
      expect(await readdir(path.join(dist, page))).toContain("index.html");
    }
  });

  /**
   * Regression: slugify drops what it cannot spell in Latin letters, so "Xi 习近平" and
   * "Xi 习仲勋" both became /people/xi/, and check refused two different people as one page.
   * Found by test/property-episodes.test.ts ("%recipient.unsubscribe_url%北京" and
   * "%recipient.unsubscribe_url%").
   */
  it("give people whose names differ only in Chinese, Japanese or emoji pages of their own", async () => {
    const project = await copyFixture("workflow");
    const names = ["Xi 习近平", "Xi 习仲勋", "Kishida 岸田文雄", "Kishida 岸田翔子", "Bo 🎧", "Bo"];
    await writeFile(path.join(project, "people.yaml"), names.map((name) => `- name: "${name}"
`).join(""));
    await writeFile(
      path.join(project, "episodes/2025-01-16-first-episode.md"),
      `---
title: Names
date: 2025-01-16
---

${names.map((name) => `[[${name}]]`).join(", ")} met.
`,
    );
    const result = await buildInProcess(project);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const episode = await readFile(path.join(project, "dist/episodes/first-episode/index.html"), "utf8");
    const pages = names.map((name) => linkTo(episode, "person-name", name));
    expect(new Set(pages).size).toBe(names.length);
    for (const [index, page] of pages.entries()) {
      const html = await readFile(path.join(project, "dist", page, "index.html"), "utf8");
      expect(html, page).toContain(`<h1>${names[index]}`);
    }
  });
});

/** Where the episode's link named `text`, in its list of that class, leads: the design leaves the spelling of a tag's or person's page to castpress. */
function linkTo(episode: string, listClass: string, text: string): string {
  const href = linksIn(episode, listClass).find((link) => link.text === text)?.href;
  expect(href, `the episode's link to ${text}`).toBeDefined();
  return href!;
}
