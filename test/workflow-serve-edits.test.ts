import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheDir } from "../src/paths/project-files.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { eventually, startServe, type ServeSession } from "./support/serve-session.ts";
import { snapshotTree } from "./support/tree-snapshot.ts";

// After an edit of episode files, serve renders only the pages the edit changed. Whatever the
// edit, the preview must then hold exactly what a full `castpress build --drafts` makes.

let project: string;
let serve: ServeSession;

const episodeFile = (date: string, slug: string) => path.join(project, "episodes", `${date}-${slug}.md`);

function episodeText(title: string, date: string, tags: string[]): string {
  return `---\ntitle: ${title}\ndate: ${date}\ntags: [${tags.join(", ")}]\n---\n\n[[Fukuda Tatsuo]] spoke about ${title.toLowerCase()}.\n\n## 00:00:10 Background\n\nMore on ${title}.\n`;
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  await writeFile(file, change(await readFile(file, "utf8")));
}

/**
 * What a full build and the preview may differ in: the search index is made after the reload,
 * media stay, and only a build marks its output folder as castpress's (.castpress-output).
 */
const COMPARED = (file: string) => !file.startsWith("pagefind/") && !file.startsWith("media/") && file !== ".castpress-output";

async function fullBuild(): Promise<Record<string, string>> {
  const out = await mkdtemp(path.join(os.tmpdir(), "castpress-full-build-"));
  try {
    const result = await buildInProcess(project, { drafts: true, out });
    if (result.code !== 0) throw new Error(`castpress build failed:\n${result.stderr}`);
    return Object.fromEntries(Object.entries(await snapshotTree(out)).filter(([file]) => COMPARED(file)));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Waits until the preview is the full build's output, file for file and byte for byte. */
async function expectPreviewToMatchFullBuild(): Promise<void> {
  const expected = await fullBuild();
  let preview: Record<string, string> = {};
  const matched = await eventually(async () => {
    preview = Object.fromEntries(Object.entries(await snapshotTree(cacheDir(project, "serve"))).filter(([file]) => COMPARED(file)));
    return JSON.stringify(preview) === JSON.stringify(expected);
  }, { seconds: 60 }).catch(() => false);
  if (!matched) {
    const files = [...new Set([...Object.keys(expected), ...Object.keys(preview)])].filter((file) => expected[file] !== preview[file]);
    expect(files, `files that differ from a full build; serve printed:\n${serve.output()}`).toEqual([]);
  }
}

beforeAll(async () => {
  project = await copyFixture("workflow");
  // Two episodes a page, so edits move episodes between archive pages.
  await edit(path.join(project, "castpress.yaml"), (text) => `${text}perPage: 2\n`);
  await writeFile(episodeFile("2025-01-10", "talks-begin"), episodeText("Talks begin", "2025-01-10", ["japan", "china"]));
  await writeFile(episodeFile("2025-01-12", "a-rare-topic"), episodeText("A rare topic", "2025-01-12", ["rare"]));
  await writeFile(episodeFile("2025-01-14", "seafood-imports"), episodeText("Seafood imports", "2025-01-14", ["china", "trade"]));
  await writeFile(episodeFile("2025-01-18", "the-summit"), episodeText("The summit", "2025-01-18", ["japan"]));
  serve = await startServe(project);
}, 180_000);

afterAll(() => serve?.stop());

describe("castpress serve after each kind of edit", () => {
  it("renders only what a retitled episode changes, and the preview equals a full build", async () => {
    const printed = serve.output().length;
    await edit(episodeFile("2025-01-14", "seafood-imports"), (text) => text.replace("title: Seafood imports", "title: Seafood & <imports>"));
    await expectPreviewToMatchFullBuild();
    // What the author reads in the terminal: one episode of the five was rendered again.
    expect(serve.output().slice(printed)).toMatch(/Rebuilt 1 of 5 episodes in \d+ ms/);
  });

  it("moves an episode whose date changed, with its neighbours' links and the archive pages", async () => {
    await edit(episodeFile("2025-01-10", "talks-begin"), (text) => text.replace("date: 2025-01-10", "date: 2025-01-19"));
    await expectPreviewToMatchFullBuild();
  });

  it("removes the page of a tag no episode has any more", async () => {
    await edit(episodeFile("2025-01-12", "a-rare-topic"), (text) => text.replace("tags: [rare]", "tags: [trade]"));
    await expectPreviewToMatchFullBuild();
  });

  it("removes a deleted episode's page and email, and the archive page no longer needed", async () => {
    await rm(episodeFile("2025-01-18", "the-summit"));
    await expectPreviewToMatchFullBuild();
  });

  it("adds a new episode", async () => {
    await writeFile(episodeFile("2025-01-20", "a-new-episode"), episodeText("A new episode", "2025-01-20", ["japan"]));
    await expectPreviewToMatchFullBuild();
  });

  it("recovers from a broken episode by rendering what changed since the last good build", async () => {
    const file = episodeFile("2025-01-20", "a-new-episode");
    await edit(file, (text) => text.replace("title: A new episode", "title: A renamed episode").replace("date: 2025-01-20", "date: 2025-02-30"));
    await eventually(async () => serve.output().includes("episodes/2025-01-20-a-new-episode.md:3:"), { describe: serve.output });
    await edit(file, (text) => text.replace("date: 2025-02-30", "date: 2025-01-20"));
    await expectPreviewToMatchFullBuild();
  });

  it("renders every page again when the people directory changes", async () => {
    await edit(path.join(project, "people.yaml"), (text) => text.replace("Acting Secretary-General", "Secretary-General"));
    await expectPreviewToMatchFullBuild();
  });
});
