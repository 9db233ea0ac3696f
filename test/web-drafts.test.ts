import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";

// Words that occur only in the fixture's draft (draft: true) and scheduled (2030) episodes.
const DRAFT_WORDS = ["quokkadraft", "quokkabody", "draftonlytag", "Draftonly Person", "draftonly-person", "draft-secret"];
const SCHEDULED_WORDS = ["wombatscheduled", "wombatbody", "scheduledonlytag", "scheduled-secret"];
const NOW = "2025-06-01T00:00:00Z";

describe("drafts and scheduled episodes", () => {
  it("appear nowhere in dist/: no page, link, tag, person, feed, email or search index entry", async () => {
    const { dist } = await buildFixture("web-archive", { now: NOW });
    const files = await everyFileText(dist);
    // The published episodes are there, so the search is looking at a real build.
    expect(files.some(({ text }) => text.includes("The Second Episode"))).toBe(true);
    expect(files.some(({ file, text }) => file.startsWith("pagefind/") && text.includes("zephyrine"))).toBe(true);
    const leaks = files.flatMap(({ file, text }) =>
      [...DRAFT_WORDS, ...SCHEDULED_WORDS].filter((word) => text.toLowerCase().includes(word.toLowerCase())).map((word) => `${file}: ${word}`),
    );
    expect(leaks).toEqual([]);
  });

  it("with --drafts they are built and visibly marked Draft and Scheduled", async () => {
    const { dist } = await buildFixture("web-archive", { now: NOW, drafts: true });
    const draft = await readFile(path.join(dist, "episodes/draft-secret/index.html"), "utf8");
    const scheduled = await readFile(path.join(dist, "episodes/scheduled-secret/index.html"), "utf8");
    expect(draft).toMatch(/<strong class="status status-draft">Draft<\/strong>/);
    expect(scheduled).toMatch(/<strong class="status status-scheduled">Scheduled<\/strong>/);
    const home = await readFile(path.join(dist, "index.html"), "utf8");
    expect(home).toContain("wombatscheduled");
    expect(home).toContain("Scheduled</strong>");
  });
});

/** Every file of the build as text; Pagefind's gzipped index files are unpacked first. */
async function everyFileText(dist: string): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const full = path.join(entry.parentPath, entry.name);
        let bytes = await readFile(full);
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
        return { file: path.relative(dist, full).split(path.sep).join("/"), text: bytes.toString("utf8") };
      }),
  );
}
