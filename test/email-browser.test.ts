import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, buildInProcess } from "./support/build-in-process.ts";
import { copyFixture, FIXTURES, REPO_ROOT } from "./support/castpress-cli.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { serveStatic } from "./support/static-server.ts";

/**
 * The sample's email issue in Debian's Chromium, at a phone's width and at the email's own,
 * light and dark. Screenshots go to test/screenshots/latest/ for a reviewer; with
 * UPDATE_DOCS_SCREENSHOTS=1 also to docs/screenshots/, the set the README shows.
 */
const SAMPLE_SLUG = "beijing-talks-resume";
const WIDTHS = [375, 600] as const;
const SCHEMES = ["light", "dark"] as const;
const LATEST = path.join(REPO_ROOT, "test/screenshots/latest");
const DOCS = path.join(REPO_ROOT, "docs/screenshots");
const SCREENSHOTS = [LATEST, ...(process.env.UPDATE_DOCS_SCREENSHOTS ? [DOCS] : [])];

describe.runIf(chromiumAvailable())("the email in a browser", () => {
  let browser: Browser;
  let sample: { url: string; close: () => Promise<void> };
  let fixture: { url: string; close: () => Promise<void> };
  let withMedia: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const mediaProject = await escapingWithMedia();
    const [built, { dist }, builtWithMedia] = await Promise.all([buildFixture("east-asia-digest"), buildFixture("email-escaping"), buildInProcess(mediaProject)]);
    expect(builtWithMedia.code, builtWithMedia.stderr).toBe(0);
    [sample, fixture, withMedia, browser] = await Promise.all([serveStatic(built.dist), serveStatic(dist), serveStatic(path.join(mediaProject, "dist")), launchChromium()]);
    await Promise.all(SCREENSHOTS.map((dir) => mkdir(dir, { recursive: true })));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sample?.close();
    await fixture?.close();
    await withMedia?.close();
  });

  async function open(base: string, slug: string, width: number, colorScheme: "light" | "dark"): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
    await page.goto(`${base}/email/${slug}.html`);
    return page;
  }

  for (const width of WIDTHS) {
    for (const scheme of SCHEMES) {
      it(`does not scroll sideways at ${width}px, ${scheme}`, async () => {
        const page = await open(sample.url, SAMPLE_SLUG, width, scheme);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
        // The whole email for review; the README's copy shows the first screen, to stay small.
        for (const dir of SCREENSHOTS) await page.screenshot({ path: path.join(dir, `email-${width}-${scheme}.png`), fullPage: dir === LATEST });
        await page.close();
      });
    }
  }

  it("turns dark in dark mode, with light text on a dark background", async () => {
    const colours = async (scheme: "light" | "dark") => {
      const page = await open(sample.url, SAMPLE_SLUG, 600, scheme);
      const result = await page.evaluate(() => {
        const paragraph = document.querySelector(".prose p")!;
        return { text: getComputedStyle(paragraph).color, background: getComputedStyle(document.body).backgroundColor };
      });
      await page.close();
      return { text: luminance(result.text), background: luminance(result.background) };
    };
    const [light, dark] = await Promise.all([colours("light"), colours("dark")]);
    expect(light.background).toBeGreaterThan(0.8);
    expect(light.text).toBeLessThan(0.1);
    expect(dark.background).toBeLessThan(0.05);
    expect(dark.text).toBeGreaterThan(0.6);
  });

  it("starts the body with the hidden preheader, and shows every title and subtitle character as text", async () => {
    const page = await open(fixture.url, "escaping", 600, "light");
    const seen = await page.evaluate(() => {
      const preheader = document.body.querySelector("div.preheader")!;
      return {
        preheader: preheader.textContent!,
        preheaderFirst: document.body.textContent!.trimStart().startsWith(preheader.textContent!),
        preheaderHidden: getComputedStyle(preheader).display === "none",
        title: document.title,
        heading: document.querySelector("h1")!.textContent,
        subtitle: document.querySelector(".subtitle")!.textContent,
        scripts: document.querySelectorAll("script, b").length,
      };
    });
    const subtitle = `Subtitle & <b>bold</b> "quoted" 'single' <script>alert(2)</script> 🐟`;
    const title = `Tom & Jerry's "Best" <Day> <script>alert(1)</script> 🎉`;
    expect(seen.preheader.startsWith(subtitle)).toBe(true);
    // The padding after it: zero-width non-joiners and no-break spaces, nothing the inbox would show.
    expect(seen.preheader.slice(subtitle.length)).toMatch(/^(\u200c\u00a0){40,}$/);
    expect(seen.preheaderHidden).toBe(true);
    expect(seen.preheaderFirst).toBe(true);
    expect(seen.title).toBe(title);
    expect(seen.heading).toBe(title);
    expect(seen.subtitle).toBe(subtitle);
    expect(seen.scripts).toBe(0);
    await page.close();
  });

  it("fills the title, page URL, playing time and image of an episode into the shell's attributes and text, escaped", async () => {
    const page = await open(withMedia.url, "escaping", 375, "light");
    const seen = await page.evaluate(() => {
      const button = [...document.querySelectorAll("a")].find((a) => a.textContent!.includes("Listen"))!;
      const image = [...document.querySelectorAll("img")].find((img) => img.getAttribute("src")!.includes("cover"))!;
      return {
        label: document.querySelector("[role=article]")!.getAttribute("aria-label"),
        listen: button.textContent!.trim(),
        listenHref: button.getAttribute("href"),
        imageSrc: image.getAttribute("src"),
        imageAlt: image.getAttribute("alt"),
        scripts: document.querySelectorAll("script, b").length,
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      };
    });
    const title = `Tom & Jerry's "Best" <Day> <script>alert(1)</script> 🎉`;
    expect(seen.label).toBe(title);
    expect(seen.listen).toBe("Listen · 1:37");
    expect(seen.listenHref).toBe("https://letters.example.org/episodes/escaping/");
    expect(seen.imageSrc).toBe("https://letters.example.org/media/art/cover.png");
    expect(seen.imageAlt).toBe(title);
    expect(seen.scripts).toBe(0);
    expect(seen.sideways).toBe(false);
    await page.close();
  });

  it("links only to absolute URLs, and gives every image an alt and a width", async () => {
    const page = await open(sample.url, SAMPLE_SLUG, 600, "light");
    const { hrefs, images } = await page.evaluate(() => ({
      hrefs: [...document.querySelectorAll("a")].map((a) => a.getAttribute("href")!),
      images: [...document.querySelectorAll("img")].map((img) => ({ alt: img.getAttribute("alt"), width: img.getAttribute("width") })),
    }));
    const nonAbsolute = hrefs.filter((href) => !/^(https:\/\/|mailto:)/.test(href) && href !== "{{ UnsubscribeURL }}" && href !== "{{ ManageURL }}");
    expect(nonAbsolute).toEqual([]);
    expect(hrefs).toContain("https://castpress.example.org/people/wang-yi/");
    for (const image of images) {
      expect(image.alt).not.toBeNull();
      expect(Number(image.width)).toBeGreaterThan(0);
    }
    await page.close();
  });
});

/** The escaping fixture with episode art and the sample's 97-second audio: the shell with every optional part. */
async function escapingWithMedia(): Promise<string> {
  const project = await copyFixture("email-escaping");
  await mkdir(path.join(project, "episodes/art"), { recursive: true });
  await mkdir(path.join(project, "episodes/audio"), { recursive: true });
  await copyFile(path.join(FIXTURES, "east-asia-digest/episodes/art/cover.png"), path.join(project, "episodes/art/cover.png"));
  await copyFile(path.join(FIXTURES, "east-asia-digest/episodes/audio/2025-01-16-beijing-talks-resume.mp3"), path.join(project, "episodes/audio/escaping.mp3"));
  const file = path.join(project, "episodes/2025-02-01-escaping.md");
  await writeFile(file, (await readFile(file, "utf8")).replace(/^date: .*$/m, "$&\nimage: art/cover.png\naudio:\n  src: audio/escaping.mp3"));
  return project;
}

/** Relative luminance of a CSS rgb() colour, 0 (black) to 1 (white). */
function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((part) => {
    const channel = Number(part) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
