import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";
import { snapshotTree } from "./support/tree-snapshot.ts";

/**
 * Regression (issue 12): a file saved with Windows line endings kept "\r" in its last
 * front-matter value (`draft: true` was refused as "true\r"), a UTF-8 byte-order mark made an
 * episode "have no front matter", and bytes that are not UTF-8 were published as U+FFFD.
 */
describe("files saved as a Windows editor saves them", () => {
  it("build exactly as the same files saved with LF: CRLF line endings and a BOM, in episodes, castpress.yaml and people.yaml", async () => {
    const lf = await copyFixture("reliability-inputs-line-endings");
    const windows = await copyFixture("reliability-inputs-line-endings");
    const authorFiles = ["castpress.yaml", "people.yaml", ...(await readdir(path.join(windows, "episodes"))).filter((name) => name.endsWith(".md")).map((name) => `episodes/${name}`)];
    expect(authorFiles).toHaveLength(4);
    for (const file of authorFiles) {
      const text = await readFile(path.join(windows, file), "utf8");
      expect(text).not.toContain("\r");
      await writeFile(path.join(windows, file), `\uFEFF${text.replace(/\n/g, "\r\n")}`);
    }

    const [lfBuild, windowsBuild] = [await buildInProcess(lf), await buildInProcess(windows)];
    expect(lfBuild.stderr).toBe("");
    expect(windowsBuild.stderr).toBe("");
    expect(windowsBuild.code).toBe(0);
    const lfSite = await snapshotTree(path.join(lf, "dist"));
    // The episode and its email were published; the draft (draft: true, its last front-matter line) was not.
    expect(Object.keys(lfSite)).toEqual(expect.arrayContaining(["episodes/talks-resume/index.html", "email/talks-resume.txt", "feed.xml", "podcast.xml"]));
    expect(Object.keys(lfSite).filter((file) => file.includes("draft-follow-up"))).toEqual([]);
    expect(await snapshotTree(path.join(windows, "dist"))).toEqual(lfSite);
  });
});

describe("bytes that are not UTF-8", () => {
  it("are refused by check at their line, in an episode, castpress.yaml and people.yaml; a UTF-16 file is named as such", async () => {
    const project = await copyFixture("reliability-inputs-line-endings");
    const latin1 = (text: string) => Buffer.from(text, "latin1");
    await writeFile(path.join(project, "episodes/2025-01-16-cafe.md"), latin1("---\ntitle: Café\ndate: 2025-01-16\n---\n\nA café in Ginza.\n"));
    // CRLF counts as one line break, as the editor that wrote it shows.
    await writeFile(path.join(project, "episodes/2025-01-17-cafe-crlf.md"), latin1("---\r\ntitle: Cafe\r\ndate: 2025-01-17\r\n---\r\n\r\nA café.\r\n"));
    await writeFile(path.join(project, "episodes/2025-01-18-notepad.md"), Buffer.from("\uFEFF---\ntitle: Notepad\ndate: 2025-01-18\n---\n\nText.\n", "utf16le"));
    const config = await readFile(path.join(project, "castpress.yaml"), "utf8");
    await writeFile(path.join(project, "castpress.yaml"), latin1(config.replace("author: Test Author", "author: Test Autor à Paris")));
    await writeFile(path.join(project, "people.yaml"), Buffer.concat([await readFile(path.join(project, "people.yaml")), latin1("- name: Bad \xff\n")]));
    // An unreadable people.yaml names nobody: the fixture's episodes would only add unknown-person errors.
    for (const episode of ["2025-01-16-talks-resume.md", "2025-01-20-draft-follow-up.md"]) await rm(path.join(project, "episodes", episode));

    const hint = "save the file as UTF-8 (in your editor's Save As or Encoding menu)";
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      `castpress.yaml:4: this line holds a byte that is not UTF-8 (0xE0): the file is in another encoding — ${hint}`,
      `people.yaml:8: this line holds a byte that is not UTF-8 (0xFF): the file is in another encoding — ${hint}`,
      `episodes/2025-01-16-cafe.md:2: this line holds a byte that is not UTF-8 (0xE9): the file is in another encoding — ${hint}`,
      `episodes/2025-01-17-cafe-crlf.md:6: this line holds a byte that is not UTF-8 (0xE9): the file is in another encoding — ${hint}`,
      "episodes/2025-01-18-notepad.md:1: the file is saved as UTF-16, not UTF-8 — save it as UTF-8 (in your editor's Save As or Encoding menu)",
    ]);
    expect(result.code).toBe(1);
  });
});
