import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "./support/castpress-cli.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { firstElementText } from "./support/html-text.ts";
import { startServe, type ServeSession } from "./support/serve-session.ts";

// serve answers as soon as it listens, before its first build (which takes seconds on a large
// archive): the browser gets a page saying so, which turns into the archive when the build ends.

const PAGE = "episodes/first-episode/";
const withBrowser = chromiumAvailable();
let browser: Browser | undefined;
let serve: ServeSession;

beforeAll(async () => {
  // Started first: once serve listens, the test must look before the build ends.
  if (withBrowser) browser = await launchChromium();
  serve = await startServe(await copyFixture("workflow"), { waitForFirstBuild: false });
});

afterAll(async () => {
  serve?.stop();
  await browser?.close();
});

describe("castpress serve before its first build has finished", () => {
  it("answers at once with 503 and a page saying the preview is being built, which becomes the archive when the build ends", async () => {
    const response = await fetch(new URL(PAGE, serve.url));
    expect(response.status).toBe(503);
    expect(firstElementText(await response.text(), "h1")).toBe("Building the preview…");
    if (!browser) return;

    const tab = await browser.newPage();
    const built = tab.waitForResponse((candidate) => candidate.url().endsWith(`/${PAGE}`) && candidate.status() === 200, { timeout: 120_000 });
    expect((await tab.goto(new URL(PAGE, serve.url).href))?.status()).toBe(503);
    await built;
    await tab.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("The first episode"), undefined, { timeout: 30_000 });
  });
});
