/**
 * Takes the README's screenshots of the sample episode page, light and dark, and of a Korean,
 * a Japanese and a Chinese quote on a 375 px phone, on the page and in the email:
 * builds the sample project, serves it on loopback and photographs it in Debian's Chromium.
 *
 *   npx tsx scripts/screenshots.ts
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { castpress, REPO_ROOT } from "../test/support/castpress-cli.ts";
import { launchChromium } from "../test/support/chromium.ts";
import { serveStatic } from "../test/support/static-server.ts";
import { emailHtml, episodePage } from "../src/paths/output-paths.ts";

const SAMPLE_EPISODE = "china-japan-relations-reset";
/** A quote in each CJK language, by the sample episode that has one. */
const QUOTES = [
  { lang: "ko", slug: "seoul-tokyo-after-gyeongju" },
  { lang: "ja", slug: "fukushima-seafood-talks" },
  { lang: "zh", slug: "china-japan-relations-reset" },
] as const;
const PHONE = { width: 375, height: 900 };
const OUTPUT_DIR = path.join(REPO_ROOT, "docs/screenshots");
// Tall enough to show the player, the chapters and the first quote; small enough to keep the PNGs light.
const VIEWPORT = { width: 1000, height: 1400 };

const dist = await mkdtemp(path.join(os.tmpdir(), "castpress-screenshots-"));
const built = await castpress(["build", "--out", dist], { cwd: REPO_ROOT });
if (built.code !== 0) throw new Error(`castpress build failed:\n${built.stderr}`);
const server = await serveStatic(dist);
const browser = await launchChromium();
try {
  for (const colorScheme of ["light", "dark"] as const) {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.emulateMedia({ colorScheme });
    await page.goto(`${server.url}${episodePage(SAMPLE_EPISODE)}`);
    const file = path.join(OUTPUT_DIR, `episode-${colorScheme}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
    await page.close();
  }
  for (const { lang, slug } of QUOTES) {
    const page = await browser.newPage({ viewport: PHONE });
    for (const [where, url, quote] of [
      ["page", episodePage(slug), `figure.quote:has(.quote-original[lang="${lang}"])`],
      ["email", emailHtml(slug), `table.quote:has(.quote-original[lang="${lang}"])`],
    ] as const) {
      const response = await page.goto(`${server.url}${url}`);
      if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
      const file = path.join(OUTPUT_DIR, `quote-${lang}-${where}-375.png`);
      await page.locator(quote).first().screenshot({ path: file });
      console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(dist, { recursive: true, force: true });
}
