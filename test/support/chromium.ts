import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const INSTALL_HINT = "install Debian's Chromium with: apt-get install -y chromium";

/**
 * Whether browser tests can run. With CI set, a missing Chromium is a failure, not a skip,
 * so CI never passes without having looked at a page.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: ${INSTALL_HINT}`);
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM_PATH}; ${INSTALL_HINT}`);
  return false;
}

/** Debian's Chromium, headless, with no network of its own (this machine has none). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
