import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { serveStatic } from "./support/static-server.ts";

// The pages' paths are the design's (shared/docs/design.md, "Outputs"), written out.
const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const EPISODE = "/episodes/beijing-talks-resume/";
const OTHER_EPISODE = "/episodes/seafood-import-talks/";

describe.runIf(chromiumAvailable())("the sample archive in Chromium", () => {
  let dist: string;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    ({ dist } = await buildFixture("east-asia-digest"));
    server = await serveStatic(dist);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ["home", "/"],
    ["episode", EPISODE],
    ["person", "/people/fukuda-tatsuo/"],
    ["tag", "/tags/japan/"],
  ])("axe-core finds no serious or critical violation on the %s page", async (_name, page) => {
    for (const colorScheme of ["light", "dark"] as const) {
      const tab = await browser.newPage();
      await tab.emulateMedia({ colorScheme });
      await tab.goto(server.url + page);
      await tab.addScriptTag({ path: AXE_SCRIPT });
      const violations = await tab.evaluate(async () => {
        const { violations } = await (window as any).axe.run(document);
        return violations
          .filter((v: any) => v.impact === "serious" || v.impact === "critical")
          .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(" ")).join(", ")}`);
      });
      await tab.close();
      expect(violations, `${colorScheme} scheme`).toEqual([]);
    }
  });

  it("no page scrolls sideways on a 375 px wide phone", async () => {
    const pages = await everyPage(dist);
    expect(pages).toEqual(expect.arrayContaining(["/", EPISODE, "/tags/", "/tags/japan/", "/people/", "/people/wang-yi/", "/404.html"]));
    const tab = await browser.newPage({ viewport: { width: 375, height: 800 } });
    const overflowing: string[] = [];
    for (const page of pages) {
      await tab.goto(server.url + page);
      const { scrollWidth, clientWidth } = await tab.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      if (scrollWidth > clientWidth) overflowing.push(`${page}: ${scrollWidth} > ${clientWidth}`);
    }
    await tab.close();
    expect(overflowing).toEqual([]);
  });

  it("a quote shows original and translation side by side on a wide screen, stacked on a phone", async () => {
    const positions = async (width: number) => {
      const tab = await browser.newPage({ viewport: { width, height: 900 } });
      await tab.goto(server.url + EPISODE);
      const quote = tab.locator("figure.quote-bilingual").first();
      const original = await quote.locator('blockquote[lang="zh"]').boundingBox();
      const translation = await quote.locator('blockquote[lang="en"]').boundingBox();
      await tab.close();
      return { original: original!, translation: translation! };
    };
    const wide = await positions(1200);
    expect(wide.translation.x).toBeGreaterThan(wide.original.x + wide.original.width - 1);
    expect(Math.abs(wide.translation.y - wide.original.y)).toBeLessThan(2);
    const phone = await positions(375);
    expect(phone.translation.y).toBeGreaterThanOrEqual(phone.original.y + phone.original.height);
  });

  it("without JavaScript the episode's title, body and chapter list are all there", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(server.url + EPISODE);
    expect(await tab.locator("h1").textContent()).toBe("China-Japan Relations Reset as Trump 2.0 Looms");
    expect(await tab.locator(".episode-body").textContent()).toContain("borrowed from Evangelion");
    const chapters = tab.locator("nav.chapters ol > li a");
    expect(await chapters.allTextContents()).toEqual([
      "Some Background on Resuming Ties",
      "New Faces, Old Connection",
      "Who met with the delegation?",
    ]);
    // Each chapter link still leads to its section.
    for (const href of await chapters.evaluateAll((links) => links.map((a) => a.getAttribute("href")!))) {
      expect(await tab.locator(`h2${href}`).count(), href).toBe(1);
    }
    // The search box needs JavaScript, so it is not offered.
    await tab.goto(server.url + "/");
    expect(await tab.locator('input[type="search"]').isVisible()).toBe(false);
    await context.close();
  });

  it("a chapter link seeks the player to the chapter's start", async () => {
    const tab = await browser.newPage();
    await tab.goto(server.url + EPISODE);
    await tab.waitForFunction(() => document.querySelector("audio")!.readyState >= 1);
    await tab.locator("nav.chapters a", { hasText: "New Faces, Old Connection" }).click();
    const time = await tab.evaluate(() => document.querySelector("audio")!.currentTime);
    await tab.close();
    expect(Math.floor(time)).toBe(57);
  });

  it("the search box finds the sample episode by a word from its body, and only it", async () => {
    const tab = await browser.newPage();
    const requests: string[] = [];
    tab.on("request", (request) => requests.push(request.url()));
    await tab.goto(server.url + "/");
    await tab.locator('input[type="search"]').fill("Evangelion");
    const results = tab.locator(".search-results li a");
    await results.first().waitFor();
    expect(await results.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).toEqual([EPISODE]);
    // Pagefind marks the matched word (with the punctuation around it) in each excerpt.
    expect(await tab.locator(".search-results mark").first().textContent()).toContain("Evangelion");
    // A word only the other episode has finds only that one.
    await tab.locator('input[type="search"]').fill("Sakuraba");
    await tab.waitForFunction((other) => Array.from(document.querySelectorAll<HTMLAnchorElement>(".search-results li a")).some((a) => a.pathname === other), OTHER_EPISODE);
    expect(await results.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))).toEqual([OTHER_EPISODE]);
    await tab.close();
    // Everything the search needed came from the site itself.
    expect(requests.filter((url) => !url.startsWith(server.url))).toEqual([]);
  });
});

/** Every HTML page of the build, as root-relative paths. */
async function everyPage(dist: string): Promise<string[]> {
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => `/${path.relative(dist, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`)
    .map((file) => file.replace(/index\.html$/, ""))
    .filter((page) => !page.startsWith("/email/") && !page.startsWith("/pagefind/"))
    .sort();
}
