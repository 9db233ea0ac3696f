import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { FIXTURES } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

describe("castpress check on castpress.yaml and people.yaml with mistakes", () => {
  it("reports each at its key's line with a did-you-mean, and still checks every episode", async () => {
    const result = await runInProcess(check, { root: path.join(FIXTURES, "check-config") }, []);
    // Kato Ayuko's entry is wrong and Wang Yi's lacks a lang, yet [[Wang Yi]] and [[Fukuda
    // Tatsuo]] still resolve: only Li Qiang, in no directory, is an unknown person.
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      "castpress.yaml:2: description is missing — one or two sentences about the publication",
      "castpress.yaml:3: unknown key \"descripton\" (did you mean \"description\"?) — use one of: title, description, author, baseUrl, language, timeZone, explicit, copyright, image, signup, perPage, feeds, podcast, email",
      "castpress.yaml:4: author is empty — the author's name",
      "castpress.yaml:5: baseUrl \"example.org/archive\" is not a web address (https://...) — where the site is published, such as https://example.org or https://user.github.io/show/",
      "castpress.yaml:7: timeZone \"Asia/Tokio\" is not an IANA time zone (did you mean \"Asia/Tokyo\"?) — write an IANA zone name such as \"Asia/Tokyo\" or \"Europe/London\"",
      "castpress.yaml:8: perPage must be at least 1, not 0 — how many episodes per archive page: 1 to 100",
      "castpress.yaml:9: the image \"art/missing-cover.png\" does not exist (looked for art/missing-cover.png) — check the path: it is relative to the file that names it",
      "castpress.yaml:10: podcast.owner is missing — the feed's owner: name and email, which Apple requires",
      "castpress.yaml:12: unknown key \"ownr\" in podcast (did you mean \"owner\"?) — use one of: category, subcategory, type, owner, guid, locked, funding, hosts",
      "people.yaml:4: entry 2, name is missing — give the person's name as it appears in [[...]]",
      "people.yaml:4: unknown key \"nmae\" in entry 2 (did you mean \"name\"?) — use one of: name, native, lang, role",
      "people.yaml:7: \"Wang Yi\" has a native name but no lang — add lang: ja (or ko, zh-Hans, ...) so the right glyphs are chosen",
      "people.yaml:9: \"Fukuda Tatsuo\" is listed twice (first on line 1) — keep one entry per person",
      "episodes/2025-01-16-still-checked.md:6: no one called \"Li Qiang\" is in the people directory or this episode's people — fix the name, or add the person to people.yaml or to this episode's `people:` list",
    ]);
    expect(result.code).toBe(1);
  });

  it("says how to start when castpress.yaml is missing", async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), "castpress-no-config-"));
    await mkdir(path.join(project, "episodes"));
    await writeFile(path.join(project, "episodes", "2025-01-16-first.md"), "---\ntitle: First\ndate: 2025-01-16\n---\n\nText.\n");
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr.trimEnd()).toBe(
      "castpress.yaml:1: the site config file is missing — create castpress.yaml with at least title, description, author and baseUrl",
    );
    expect(result.code).toBe(1);
  });
});
