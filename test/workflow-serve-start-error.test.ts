import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "./support/castpress-cli.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { firstElementText } from "./support/html-text.ts";
import { eventually, startServe, type ServeSession } from "./support/serve-session.ts";

// An author starts `npm start` with a mistake already in an episode. serve must keep running,
// say what is wrong in the terminal and on the page, and show the archive once it is fixed.

const EPISODE = "episodes/2025-01-16-first-episode.md";
const MISTAKE = `${EPISODE}:9: no one called "Nobody Known"`;

let project: string;
let serve: ServeSession;

async function editEpisode(change: (text: string) => string): Promise<void> {
  const file = path.join(project, EPISODE);
  await writeFile(file, change(await readFile(file, "utf8")));
}

beforeAll(async () => {
  project = await copyFixture("workflow");
  await editEpisode((text) => text.replace("[[Fukuda Tatsuo]]", "[[Nobody Known]]"));
  serve = await startServe(project);
});

afterAll(() => serve?.stop());

describe("castpress serve started on a project with an error", () => {
  it("prints the error as file:line, with no stack trace, and keeps running", async () => {
    expect(serve.output()).toContain(MISTAKE);
    expect(serve.output()).not.toMatch(/TypeError|\n\s+at /);
    expect((await serve.status()).problems.join("\n")).toContain(MISTAKE);
  });

  it("shows the error on every page, with a failing HTTP status", async () => {
    for (const pathname of ["", "episodes/first-episode/", "feed.xml"]) {
      const response = await fetch(new URL(pathname, serve.url));
      expect(response.status, pathname).toBe(500);
      const page = await response.text();
      expect(firstElementText(page, "h1")).toBe("The preview could not be built");
      expect(firstElementText(page, "pre")).toContain(MISTAKE);
    }
  });

  it.runIf(chromiumAvailable())("brings the page back in the open browser tab once the file is fixed", async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const response = await tab.goto(new URL("episodes/first-episode/", serve.url).href);
      expect(response?.status()).toBe(500);
      expect(await tab.textContent("pre")).toContain(MISTAKE);

      const reloaded = tab.waitForResponse((candidate) => candidate.url().endsWith("/episodes/first-episode/") && candidate.status() === 200, { timeout: 60_000 });
      await editEpisode((text) => text.replace("[[Nobody Known]]", "[[Fukuda Tatsuo]]"));
      await reloaded;
      await tab.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("The first episode"), undefined, { timeout: 30_000 });
      expect(await tab.$("#castpress-problems")).toBeNull();
    } finally {
      await browser.close();
    }
  });

  it("serves the archive after the fix, without a restart", async () => {
    await editEpisode((text) => text.replace("[[Nobody Known]]", "[[Fukuda Tatsuo]]"));
    const page = await eventually(async () => {
      const response = await fetch(new URL("episodes/first-episode/", serve.url));
      return response.status === 200 && (await response.text());
    }, { seconds: 60, describe: serve.output });
    expect(page).toContain("The first episode");
    expect((await serve.status()).problems).toEqual([]);
  });
});
