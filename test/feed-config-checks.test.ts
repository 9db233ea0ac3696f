import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

it("reports podcast art Apple would refuse, and a chapter stamp past the audio's end", async () => {
  const project = await copyFixture("feed-config-checks");
  const result = await runInProcess(check, { root: project }, []);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("castpress.yaml:6: warning: the podcast art episodes/art/cover.png is 600×400 pixels, not square");
  expect(result.stderr).toContain("castpress.yaml:6: warning: the podcast art episodes/art/cover.png is 600×400 pixels, outside Apple's 1400 to 3000");
  expect(result.stderr).toContain('episodes/2025-02-01-short-audio.md:15: the chapter "Past the end" starts at 45 s, past the audio\'s end (30 s)');
  expect(result.stderr).not.toContain("Inside the audio");
  expect(result.stdout).toContain("1 error, 2 warnings");
});

it("rejects a category or subcategory that is not on Apple's list, naming the nearest", async () => {
  const project = await copyFixture("feed-config-checks");
  const config = path.join(project, "castpress.yaml");
  const source = await readFile(config, "utf8");

  await writeFile(config, source.replace("category: News", "category: Newz"));
  const category = await runInProcess(check, { root: project }, []);
  expect(category.code).toBe(1);
  expect(category.stderr).toMatch(/^castpress\.yaml:8: podcast\.category "Newz" is not one of Apple's categories \(did you mean "News"\?\); they are: Arts, Business, .*True Crime, TV & Film/m);

  await writeFile(config, source.replace("subcategory: Politics", "subcategory: Books"));
  const subcategory = await runInProcess(check, { root: project }, []);
  expect(subcategory.code).toBe(1);
  expect(subcategory.stderr).toContain('castpress.yaml:9: podcast.subcategory "Books" is not a subcategory of "News" (it belongs to "Arts"); its subcategories are: Business News, Daily News');
});
