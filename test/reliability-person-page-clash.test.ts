import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/**
 * Regression: two episodes each listing their own person, with names that differ only in
 * what a slug drops ("Ann, Bo" and "Ann Bo"), made Eleventy fail with "Output conflict"
 * on /people/ann-bo/ and a stack of template paths, instead of a file:line message.
 * Found by test/property-episodes.test.ts.
 */
describe("people from two episodes whose names would share one page", () => {
  it("are refused by check with file:line, and build leaves no Eleventy error", async () => {
    const project = await copyFixture("workflow");
    await rm(path.join(project, "episodes/2025-01-16-first-episode.md"));
    const episode = (title: string, date: string, name: string) =>
      `---\ntitle: ${title}\ndate: ${date}\npeople:\n  - name: "${name}"\n---\n\n[[${name}]] spoke.\n`;
    await writeFile(path.join(project, "episodes/2025-01-16-one.md"), episode("One", "2025-01-16", "Ann, Bo"));
    await writeFile(path.join(project, "episodes/2025-01-17-two.md"), episode("Two", "2025-01-17", "Ann Bo"));
    // The same person listed by two episodes is one person with one page: not a clash.
    await writeFile(path.join(project, "episodes/2025-01-18-three.md"), episode("Three", "2025-01-18", "Ann, Bo"));

    const expected = [
      'episodes/2025-01-17-two.md:5: "Ann Bo" and "Ann, Bo" (episodes/2025-01-16-one.md:5) would share the page /people/ann-bo/ — tell them apart by name, or list the person once in people.yaml',
    ];
    const checked = await runInProcess(check, { root: project }, []);
    expect(checked.stderr.trimEnd().split("\n")).toEqual(expected);
    expect(checked.code).toBe(1);
    const build = await buildInProcess(project);
    expect(build.stderr.trimEnd().split("\n")).toEqual(expected);
    expect(build.code).toBe(1);
  });
});
