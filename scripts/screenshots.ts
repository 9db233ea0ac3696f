/**
 * Takes the README's screenshots of the sample episode page, light and dark:
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
import { episodePage } from "../src/paths/output-paths.ts";

const SAMPLE_EPISODE = "china-japan-relations-reset";
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
} finally {
  await browser.close();
  await server.close();
  await rm(dist, { recursive: true, force: true });
}
