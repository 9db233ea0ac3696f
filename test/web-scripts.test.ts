import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { breaksInsideWords, fontsOf, measureLineBreaks } from "./support/line-breaks.ts";
import { serveStatic } from "./support/static-server.ts";

/**
 * test/fixtures/scripts/: a Korean, a Japanese and a Chinese quote, read on a 375 px phone in
 * Chromium with Debian's Noto CJK fonts. Korean breaks only at spaces; Chinese and Japanese
 * never start a line with closing punctuation; each gets its own language's glyphs.
 */
const EPISODE = "/episodes/three-scripts/"; // the spec's /episodes/<slug>/
// What may not start a line in Chinese or Japanese (closing punctuation, small kana, the prolonged sound mark).
const NO_LINE_START = /^[、。，．・：；！？」』）】〉》〕ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ]/u;

describe.runIf(chromiumAvailable())("Korean, Japanese and Chinese on the web page at 375 px", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let page: Page;

  beforeAll(async () => {
    const { dist } = await buildFixture("scripts");
    [server, browser] = await Promise.all([serveStatic(dist), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 375, height: 900 } });
    const response = await page.goto(server.url + EPISODE);
    expect(response?.status()).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("wraps the Korean quote only at spaces", async () => {
    const korean = await measureLineBreaks(page, '.quote-original[lang="ko"] p');
    expect(korean.text).toContain("한반도의 평화와");
    expect(korean.lines).toBeGreaterThanOrEqual(4);
    expect(breaksInsideWords(korean)).toEqual([]);
  });

  it("would catch a break inside a Korean word (the measure is not blind)", async () => {
    const tab = await browser.newPage({ viewport: { width: 375, height: 900 } });
    expect((await tab.goto(server.url + EPISODE))?.status()).toBe(200);
    await tab.addStyleTag({ content: '.quote-original[lang="ko"], .quote-original[lang="ko"] * { word-break: normal !important; }' });
    const korean = await measureLineBreaks(tab, '.quote-original[lang="ko"] p');
    await tab.close();
    expect(breaksInsideWords(korean).length).toBeGreaterThan(0);
  });

  it("never starts a Japanese or Chinese line with closing punctuation", async () => {
    for (const lang of ["ja", "zh"]) {
      const measured = await measureLineBreaks(page, `.quote-original[lang="${lang}"] p`);
      expect(measured.lines, lang).toBeGreaterThanOrEqual(3);
      const lineStarts = measured.breaks.map((one) => one.around.split("|")[1]!);
      expect(lineStarts.filter((start) => NO_LINE_START.test(start)), lang).toEqual([]);
    }
    const styles = await page.evaluate(() =>
      ["ko", "ja", "zh"].map((lang) => {
        const style = getComputedStyle(document.querySelector(`.quote-original[lang="${lang}"]`)!);
        return [lang, style.wordBreak, style.lineBreak];
      }),
    );
    expect(styles).toEqual([
      ["ko", "keep-all", "auto"],
      ["ja", "normal", "strict"],
      ["zh", "normal", "strict"],
    ]);
  });

  it("draws each quote and native name with its own language's font", async () => {
    expect((await fontsOf(page, '.quote-original[lang="ko"]'))[0]).toBe("Noto Sans CJK KR");
    expect((await fontsOf(page, '.quote-original[lang="ja"]'))[0]).toBe("Noto Sans CJK JP");
    expect((await fontsOf(page, '.quote-original[lang="zh"]'))[0]).toBe("Noto Sans CJK SC");
    expect((await fontsOf(page, '.person-native [lang="ko"]'))[0]).toBe("Noto Sans CJK KR");
  });

  it("links a meeting's with= to the person's page, with the native name at the first mention", async () => {
    const link = page.locator(".meeting-with a");
    expect(await link.textContent()).toBe("Takaichi Sanae");
    const href = await link.getAttribute("href");
    expect(href).toBe("/people/takaichi-sanae/");
    expect(await page.locator('.meeting-with [lang="ja"]').textContent()).toBe("高市早苗");
    const person = await browser.newPage();
    const response = await person.goto(server.url + href);
    expect(response?.status()).toBe(200);
    expect(await person.locator("main").textContent()).toContain("Three scripts side by side");
    await person.close();
  });
});
