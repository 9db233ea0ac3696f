import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { breaksInsideWords, fontsOf, measureLineBreaks } from "./support/line-breaks.ts";
import { serveStatic } from "./support/static-server.ts";

/**
 * test/fixtures/scripts/'s email issue on a 375 px phone in Chromium: the Korean quote breaks
 * only at spaces and a native name never splits, from the inline styles most mail clients
 * keep (the head's :lang rules are removed here, as Gmail drops them).
 */
const EMAIL = "/email/three-scripts.html"; // the spec's dist/email/<slug>.html

describe.runIf(chromiumAvailable())("Korean, Japanese and Chinese in the email at 375 px", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    const { dist } = await buildFixture("scripts");
    [server, browser] = await Promise.all([serveStatic(dist), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(options: { withoutHeadStyles: boolean }): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 375, height: 900 } });
    const response = await page.goto(server.url + EMAIL);
    expect(response?.status()).toBe(200);
    // As a client that keeps only inline styles shows it.
    if (options.withoutHeadStyles) await page.evaluate(() => document.querySelectorAll("head style").forEach((style) => style.remove()));
    return page;
  }

  it("wraps the Korean quote only at spaces, with or without the head's styles", async () => {
    for (const withoutHeadStyles of [false, true]) {
      const page = await open({ withoutHeadStyles });
      const korean = await measureLineBreaks(page, '.quote-original[lang="ko"] p');
      expect(korean.text).toContain("한반도의 평화와");
      expect(korean.lines, `head styles removed: ${withoutHeadStyles}`).toBeGreaterThanOrEqual(4);
      expect(breaksInsideWords(korean), `head styles removed: ${withoutHeadStyles}`).toEqual([]);
      await page.close();
    }
  });

  it("keeps a native name in parentheses on one line, at every width", async () => {
    const page = await open({ withoutHeadStyles: true });
    const split: number[] = [];
    // Some width puts the name at the end of a line: sweep them all.
    for (let width = 240; width <= 375; width += 2) {
      await page.setViewportSize({ width, height: 900 });
      const lines = await page.evaluate(() => {
        const native = document.querySelector(".person-native")!;
        return new Set([...native.getClientRects()].map((box) => Math.round(box.top))).size;
      });
      if (lines > 1) split.push(width);
    }
    expect(await page.locator('.person-native [lang="ko"]').textContent()).toBe("이재명");
    expect(split).toEqual([]);
    await page.close();
  });

  it("draws each quote with its own language's font, from the inline styles alone", async () => {
    const page = await open({ withoutHeadStyles: true });
    expect((await fontsOf(page, '.quote-original[lang="ko"]'))[0]).toBe("Noto Sans CJK KR");
    expect((await fontsOf(page, '.quote-original[lang="ja"]'))[0]).toBe("Noto Sans CJK JP");
    expect((await fontsOf(page, '.quote-original[lang="zh"]'))[0]).toBe("Noto Sans CJK SC");
    await page.close();
  });
});
