import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyDigest } from "./support/castpress-cli.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { startServe, type ServeSession } from "./support/serve-session.ts";
import { crawlSite } from "./support/site-crawl.ts";

/** A GitHub Pages project site: the whole publication lives under /show/. */
const BASE_URL = "https://user.github.io/show/";

async function sampleUnderPath(): Promise<string> {
  const project = await copyDigest();
  const config = path.join(project, "castpress.yaml");
  await writeFile(config, (await readFile(config, "utf8")).replace(/^baseUrl: .*$/m, `baseUrl: ${BASE_URL}`));
  return project;
}

describe("a publication under https://user.github.io/show/", () => {
  let project: string;
  beforeAll(async () => {
    project = await sampleUnderPath();
    const built = await buildInProcess(project);
    expect(built.code, built.stderr).toBe(0);
  }, 120_000);

  it("links every page, asset, feed URL, enclosure and email link under /show/, each to a file that exists", async () => {
    const report = await crawlSite(path.join(project, "dist"), BASE_URL);
    expect(report.problems).toEqual([]);
    expect(report.feeds.sort()).toEqual(["feed.xml", "podcast.xml"]);
    // Both episodes' pages, 18 people, 4 tags, assets, media, feeds and emails: hundreds of links.
    expect(report.checked).toBeGreaterThan(300);
  });

  it("the crawl catches a link that escapes the path (negative control)", async () => {
    const page = path.join(project, "dist/index.html");
    const html = await readFile(page, "utf8");
    await writeFile(page, html.replace("</body>", '<a href="/episodes/beijing-talks-resume/">escapes</a></body>'));
    const report = await crawlSite(path.join(project, "dist"), BASE_URL);
    await writeFile(page, html);
    expect(report.problems).toEqual(["index.html: /episodes/beijing-talks-resume/ — leaves the site's path /show/"]);
  });
});

describe.runIf(chromiumAvailable())("castpress serve under the path, in Chromium", () => {
  let session: ServeSession;
  let browser: Browser;
  beforeAll(async () => {
    [session, browser] = await Promise.all([sampleUnderPath().then(startServe), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    session?.stop();
    await browser?.close();
  });

  it("prints the address with the path, sends / there, and the search finds an episode under /show/", async () => {
    expect(session.output()).toMatch(/castpress serve: http:\/\/127\.0\.0\.1:\d+\/show\/ /);
    const tab = await browser.newPage();
    const opened = await tab.goto(session.url);
    expect(opened!.status()).toBe(200);
    expect(new URL(tab.url()).pathname).toBe("/show/");
    await tab.locator('input[type="search"]').fill("Evangelion");
    const result = tab.locator(".search-results li a").first();
    await result.waitFor();
    expect(new URL(await result.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe("/show/episodes/beijing-talks-resume/");
    const [response] = await Promise.all([tab.waitForNavigation(), result.click()]);
    expect(response!.status()).toBe(200);
    expect(await tab.locator("h1").textContent()).toContain("China-Japan Relations Reset");
    await tab.close();
  });
});
