import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { serveStatic } from "./support/static-server.ts";

const ESCAPING_TITLE = `Tom & Jerry's <script>window.injected = 1</script> "quoted" > 中日関係 🎧`;

/**
 * What a reader finds on each page of test/fixtures/web-archive, read in Chromium without JavaScript.
 * The pages' paths are the design's (shared/docs/design.md, "Outputs"; README, "The web archive"), written out.
 */
describe.runIf(chromiumAvailable())("the web archive's pages", () => {
  let server: { url: string; close: () => Promise<void> };
  let browser: Browser;
  let tab: Page;

  beforeAll(async () => {
    const { dist } = await buildFixture("web-archive", { now: "2025-06-01T00:00:00Z" });
    server = await serveStatic(dist);
    browser = await launchChromium();
    tab = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const visit = async (page: string) => expect((await tab.goto(server.url + page))?.status(), page).toBe(200);
  const texts = (selector: string) => tab.locator(selector).allTextContents();
  const attributes = (selector: string, name: string) => tab.locator(selector).evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
  const jsonLd = async () => JSON.parse((await tab.locator('script[type="application/ld+json"]').textContent())!);

  it("the archive is newest first, perPage (2) to a page, with page 2 linked both ways", async () => {
    await visit("/");
    expect(await texts(".episode-card-title a")).toEqual([ESCAPING_TITLE, "The Second Episode"]);
    expect(await texts(".episode-card .has-audio")).toEqual(["· Audio, 12:34"]);
    expect(await attributes('a[rel="next"]', "href")).toEqual(["/page/2/"]);
    await visit("/page/2/");
    expect(await texts(".episode-card-title a")).toEqual(["The First Episode"]);
    expect(await attributes('a[rel="prev"]', "href")).toEqual(["/"]);
    expect(await tab.title()).toBe("Notes & <Queries> · page 2 of 2");
  });

  it("every page links both feeds, and carries Open Graph, Twitter and JSON-LD", async () => {
    for (const page of ["/", "/page/2/", "/episodes/second/", "/tags/", "/tags/escaping/", "/people/", "/people/wang-yi/", "/404.html"]) {
      await visit(page);
      expect(await attributes('link[rel="alternate"][type="application/rss+xml"]', "href"), page).toEqual(["/feed.xml", "/podcast.xml"]);
      expect(await attributes('meta[property="og:url"]', "content"), page).toHaveLength(1);
      expect(await attributes('meta[name="twitter:card"]', "content"), page).toHaveLength(1);
      expect((await jsonLd())["@context"], page).toBe("https://schema.org");
    }
    await visit("/episodes/second/");
    expect(await attributes('meta[property="og:url"]', "content")).toEqual([`https://web.example.org${"/episodes/second/"}`]);
  });

  it("an episode with audio: player, chapter links with start times, PodcastEpisode JSON-LD", async () => {
    await visit("/episodes/second/");
    expect(await attributes("audio[controls]", "src")).toEqual(["https://media.example.org/second.mp3"]);
    expect(await attributes("nav.chapters a", "href")).toEqual(["#opening", "#the-talks"]);
    expect(await attributes("nav.chapters a", "data-start")).toEqual(["0", "310"]);
    expect(await texts("h2#opening, h2#the-talks")).toEqual(["Opening", "The talks"]);
    const data = await jsonLd();
    expect(data["@type"]).toBe("PodcastEpisode");
    expect(data.associatedMedia).toMatchObject({ contentUrl: "https://media.example.org/second.mp3", duration: "PT12M34S" });
    expect(await tab.locator("time").first().getAttribute("datetime")).toBe("2025-02-01T00:00:00.000Z");
  });

  it("a quote: original and translation each with its lang, and who, role, source and date", async () => {
    await visit("/episodes/second/");
    const quote = tab.locator("figure.quote");
    expect(await quote.locator('blockquote[lang="zh"]').textContent()).toContain("加强政治对话。");
    expect(await quote.locator('blockquote[lang="en"]').textContent()).toContain("Strengthen political dialogue.");
    expect(await quote.locator(".quote-speaker").textContent()).toBe("Wang Yi");
    expect(await quote.locator(".quote-role").textContent()).toBe("Foreign Minister");
    expect(await quote.locator('figcaption a[href="https://example.org/xinhua"]').textContent()).toBe("Xinhua");
    expect(await quote.locator("figcaption time").getAttribute("datetime")).toBe("2025-01-31");
  });

  it("a timeline of meetings, More to read, footnotes, people and tags", async () => {
    await visit("/episodes/second/");
    expect(await attributes("ol.timeline > li > .meeting-head time", "datetime")).toEqual(["2025-01-30", "2025-01-31"]);
    expect(await texts("ol.timeline > li .meeting-with")).toEqual(["With Wang Yi", "With Fukuda Tatsuo"]);
    expect(await texts("ol.timeline > li .meeting-place")).toEqual(["Beijing", "Tokyo"]);
    expect(await texts("ol.timeline > li .meeting-title")).toEqual(["The first meeting"]);
    expect(await texts(".reading h2")).toEqual(["More to read"]);
    expect(await attributes(".reading li a", "href")).toEqual(["https://example.org/report"]);
    expect(await texts(".footnotes li")).toEqual([expect.stringContaining("The footnote's text.")]);
    // The reference in the text and the note link to each other.
    const noteHref = await tab.locator(".episode-body sup a").getAttribute("href");
    expect(await tab.locator(`.footnotes li${noteHref}`).count()).toBe(1);
    expect(await texts(".people-list .person-name")).toEqual(["Fukuda Tatsuo", "Wang Yi"]);
    expect(await texts('.people-list [lang="ja"]')).toEqual(["福田達夫"]);
    expect(await attributes(".episode-tags a", "href")).toEqual(["/tags/escaping/"]);
    // The first mention in the text shows the native name in its language and links to the person.
    expect(await attributes('.episode-body a[href="/people/fukuda-tatsuo/"]', "href")).not.toHaveLength(0);
    expect(await texts('.episode-body [lang="ja"]')).toEqual(["福田達夫"]);
  });

  it("previous and next episodes, and the subscribe links", async () => {
    await visit("/episodes/second/");
    expect(await attributes('.episode-nav a[rel="prev"]', "href")).toEqual(["/episodes/first/"]);
    expect(await attributes('.episode-nav a[rel="next"]', "href")).toEqual(["/episodes/escaping/"]);
    expect(await attributes(".subscribe a", "href")).toEqual(["mailto:subscribe@web.example.org", "/podcast.xml", "/feed.xml"]);
  });

  it("an episode without audio is an Article with no player", async () => {
    await visit("/episodes/first/");
    expect(await tab.locator("audio").count()).toBe(0);
    expect((await jsonLd())["@type"]).toBe("Article");
  });

  it("tags and people: an index and a page each, episodes newest first", async () => {
    await visit("/tags/");
    expect(await texts(".index-list a")).toEqual(["beginnings", "escaping", "R&D <i>"]);
    await visit("/tags/escaping/");
    expect(await texts(".episode-card-title a")).toEqual([ESCAPING_TITLE, "The Second Episode"]);
    await visit("/people/");
    expect(await texts(".people-list .person-name")).toEqual(["Fukuda Tatsuo", "Wang Yi"]);
    await visit("/people/fukuda-tatsuo/");
    expect(await texts("h1")).toEqual(["Fukuda Tatsuo 福田達夫"]);
    expect(await tab.locator('h1 [lang="ja"]').textContent()).toBe("福田達夫");
    expect(await texts(".lede")).toEqual(["Acting Secretary-General, Liberal Democratic Party"]);
    expect(await texts(".episode-card-title a")).toEqual(["The Second Episode"]);
  });

  it("an unknown address gets the 404 page", async () => {
    const response = await tab.goto(`${server.url}/episodes/no-such-episode/`);
    expect(response?.status()).toBe(404);
    expect(await texts("h1")).toEqual(["Page not found"]);
  });
});
