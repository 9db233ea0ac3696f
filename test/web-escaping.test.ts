import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { serveStatic } from "./support/static-server.ts";

// Exactly as written in test/fixtures/web-archive/episodes/2025-03-01-escaping.md.
const TITLE = `Tom & Jerry's <script>window.injected = 1</script> "quoted" > 中日関係 🎧`;
const SUBTITLE = `A < B && C > D: 'single' "double" <b>not bold</b> 王毅 🐟`;
const SITE_TITLE = "Notes & <Queries>";
const TAG = "R&D <i>";
const EPISODE = "/episodes/escaping/";

describe.runIf(chromiumAvailable())("author text with markup characters, CJK and emoji shows as text on every page", () => {
  let dist: string;
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let tab: Page;

  beforeAll(async () => {
    ({ dist } = await buildFixture("web-archive", { now: "2025-06-01T00:00:00Z" }));
    server = await serveStatic(dist);
    browser = await launchChromium();
    tab = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const visit = async (page: string) => {
    const response = await tab.goto(server.url + page);
    expect(response?.status(), page).toBe(200);
    // The title's <script> must never have become a script.
    expect(await tab.evaluate(() => (window as any).injected)).toBeUndefined();
  };
  const meta = (selector: string) => tab.locator(selector).getAttribute("content");

  it("the episode page: h1, subtitle, <title>, Open Graph, Twitter and JSON-LD", async () => {
    await visit(EPISODE);
    expect(await tab.locator("h1").textContent()).toBe(TITLE);
    expect(await tab.locator(".subtitle").textContent()).toBe(SUBTITLE);
    expect(await tab.locator("h1 script, .subtitle b").count()).toBe(0);
    expect(await tab.title()).toBe(`${TITLE} · ${SITE_TITLE}`);
    expect(await meta('meta[property="og:title"]')).toBe(`${TITLE} · ${SITE_TITLE}`);
    expect(await meta('meta[name="twitter:title"]')).toBe(`${TITLE} · ${SITE_TITLE}`);
    expect(await meta('meta[name="description"]')).toBe(SUBTITLE);
    expect(await meta('meta[property="og:description"]')).toBe(SUBTITLE);
    expect(await meta('meta[property="og:site_name"]')).toBe(SITE_TITLE);

    const jsonLd = await tab.locator('script[type="application/ld+json"]').allTextContents();
    expect(jsonLd).toHaveLength(1);
    const data = JSON.parse(jsonLd[0]!);
    expect(data["@type"]).toBe("Article");
    expect(data.name).toBe(TITLE);
    expect(data.headline).toBe(TITLE);
    expect(data.description).toBe(SUBTITLE);
    expect(data.keywords).toBe(`escaping, ${TAG}`);
    // The page has exactly the scripts castpress put there: the title's </script> ended nothing.
    expect(await tab.locator("script").evaluateAll((scripts) => scripts.map((s) => s.getAttribute("src") ?? s.getAttribute("type")))).toEqual([
      "application/ld+json",
      "/assets/chapters.js",
      "/assets/search.js",
    ]);
    expect(await tab.locator(".episode-tags a").allTextContents()).toEqual(["escaping", TAG]);
  });

  it("the raw HTML never holds the title's markup unescaped", async () => {
    const html = await readFile(path.join(dist, EPISODE, "index.html"), "utf8");
    expect(html).not.toContain("<script>window.injected");
    expect(html).not.toContain("<b>not bold</b>");
    expect(html).not.toContain("</script> ");
  });

  it("the archive list", async () => {
    await visit("/");
    expect(await tab.locator(".episode-card-title a").first().textContent()).toBe(TITLE);
    expect(await tab.locator(".episode-card-subtitle").first().textContent()).toBe(SUBTITLE);
    expect(await tab.locator("h1").textContent()).toBe(SITE_TITLE);
  });

  it("the tag page of a tag with markup in its name, and the tags index", async () => {
    // The design names the page /tags/<tag>/ and leaves the spelling of <tag> to castpress: the episode's own link leads there.
    await visit(EPISODE);
    const tagPage = await tab.locator(".episode-tags a").evaluateAll((links, tag) => links.find((link) => link.textContent === tag)?.getAttribute("href"), TAG);
    expect(tagPage).toMatch(/^\/tags\/[^/]+\/$/);
    await visit(tagPage!);
    expect(await tab.locator("h1").textContent()).toBe(`Tag: ${TAG}`);
    expect(await tab.locator(".episode-card-title a").allTextContents()).toEqual([TITLE]);
    await visit("/tags/");
    expect(await tab.locator(".index-list a").allTextContents()).toContain(TAG);
  });

  it("the person page and the neighbouring episode's previous/next link", async () => {
    await visit("/people/wang-yi/");
    expect(await tab.locator(".episode-card-title a").allTextContents()).toEqual([TITLE, "The Second Episode"]);
    expect(await tab.locator('h1 [lang="zh"]').textContent()).toBe("王毅");
    await visit("/episodes/second/");
    expect(await tab.locator('a[rel="next"]').textContent()).toBe(TITLE);
  });
});
