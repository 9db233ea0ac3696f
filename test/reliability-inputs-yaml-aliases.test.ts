import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/** Nine levels of nine aliases each: 9^9 (387 million) copies of "lol" once expanded. */
function billionLaughs(indent = ""): string {
  const levels = [`${indent}lol0: &a0 "lol"`];
  for (let level = 1; level <= 9; level++) levels.push(`${indent}lol${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(", ")}]`);
  return levels.join("\n");
}

/**
 * Regression (issue 12): a "billion laughs" YAML alias bomb made check print the yaml
 * package's "Excessive alias count indicates a resource exhaustion attack", with no file or
 * line, and stop before the other files were checked.
 */
describe("a YAML alias bomb", () => {
  it("is refused at its first alias, in front matter, castpress.yaml and people.yaml, and the other files are still checked", async () => {
    const project = await copyFixture("reliability-inputs-line-endings");
    await writeFile(path.join(project, "episodes/2025-01-18-bomb.md"), `---\ntitle: Bomb\ndate: 2025-01-18\n${billionLaughs()}\n---\n\nText.\n`);
    await writeFile(path.join(project, "castpress.yaml"), `${await readFile(path.join(project, "castpress.yaml"), "utf8")}${billionLaughs()}\n`);
    const people = await readFile(path.join(project, "people.yaml"), "utf8");
    await writeFile(path.join(project, "people.yaml"), `${people}- name: Bomb\n  role: x\n${billionLaughs("  ")}\n`);
    // Still checked: an unknown key in another episode.
    await writeFile(path.join(project, "episodes/2025-01-19-typo.md"), "---\ntitle: Typo\ndate: 2025-01-19\nsubtitel: oops\n---\n\nText.\n");

    const configLines = (await readFile(path.join(project, "castpress.yaml"), "utf8")).split("\n");
    const peopleLines = (await readFile(path.join(project, "people.yaml"), "utf8")).split("\n");
    const firstAlias = (lines: string[]) => lines.findIndex((line) => line.includes("*a0")) + 1;
    const message = "the YAML repeats values through aliases (*name) so often that it would grow too large to read — write the values out instead of using & anchors and * aliases";
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `castpress.yaml:${firstAlias(configLines)}: ${message}`,
      `people.yaml:${firstAlias(peopleLines)}: ${message}`,
      // An unreadable people.yaml names nobody.
      ...["Fukuda Tatsuo", "Wang Huning"].map(
        (name) => `episodes/2025-01-16-talks-resume.md:21: no one called "${name}" is in the people directory or this episode's people — fix the name, or add the person to people.yaml or to this episode's \`people:\` list`,
      ),
      `episodes/2025-01-18-bomb.md:5: ${message}`,
      expect.stringMatching(/^episodes\/2025-01-19-typo\.md:4: unknown key "subtitel" \(did you mean "subtitle"\?\)/),
    ]);
    expect(result.code).toBe(1);
  });
});
