/**
 * castpress's preview server against @11ty/eleventy-dev-server, on the same built page:
 * how long from "the build has written the page" to the new text showing in an open
 * Chromium tab, and what each answers to a page on another site. Run:
 *   npx tsx scripts/bench/dev-server-reload.ts [--runs 20]
 * The build itself is castpress's either way (the dev server builds nothing), so this is
 * the part of an edit's time that the choice of server changes.
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { DevServer } from "../../src/serve/dev-server.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Number(values.runs);
const PAGE = "episodes/first-episode/index.html";

interface Contender {
  name: string;
  url: string;
  /** Tells open pages that the build wrote `file`. */
  announce: (file: string) => void;
  close: () => Promise<unknown>;
}

const work = await mkdtemp(path.join(os.tmpdir(), "castpress-reload-"));
try {
  const project = path.join(work, "project");
  await cp(path.join(ROOT, "test/fixtures/workflow"), project, { recursive: true });
  execFileSync(process.execPath, [path.join(ROOT, "bin/castpress.js"), "build", "--drafts", "--out", path.join(work, "site")], { cwd: project, stdio: "ignore" });
  const output = path.join(work, "site");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox"] });
  for (const contender of [await castpressServer(output), await eleventyDevServer(output)]) {
    const times = await reloadTimes(browser, contender, output);
    const probes = await foreignRequests(contender.url);
    console.log(`${contender.name.padEnd(28)} median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${RUNS} reloads); ${probes}`);
    await contender.close();
  }
  await browser.close();
} finally {
  await rm(work, { recursive: true, force: true });
}

async function castpressServer(output: string): Promise<Contender> {
  const server = new DevServer(output);
  const url = await server.listen(0, "127.0.0.1");
  server.update({ built: true, problems: [], episodes: [] });
  return { name: "castpress DevServer", url, announce: () => server.update({ built: true, problems: [], episodes: [] }), close: () => server.close() };
}

async function eleventyDevServer(output: string): Promise<Contender> {
  const EleventyDevServer = createRequire(import.meta.url)("@11ty/eleventy-dev-server");
  const server = EleventyDevServer.getServer("castpress", output, { logger: { info() {}, log() {}, error() {} }, messageOnStart: () => false });
  server.serve(0);
  await server.ready();
  const url = `http://127.0.0.1:${server.server.address().port}/`;
  return { name: "@11ty/eleventy-dev-server", url, announce: (file) => server.reloadFiles([file]), close: () => server.close() };
}

/** From announcing a rewritten page to its new heading showing in the open tab. */
async function reloadTimes(browser: import("playwright-core").Browser, contender: Contender, output: string): Promise<number[]> {
  const file = path.join(output, PAGE);
  const original = await readFile(file, "utf8");
  const tab = await browser.newPage();
  await tab.goto(new URL(path.dirname(PAGE) + "/", contender.url).href);
  await tab.waitForTimeout(500);
  const times: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const marker = `Reloaded ${contender.name} ${run}`;
    await writeFile(file, original.replace(/<h1([^>]*)>[^<]*/, `<h1$1>${marker}`));
    const started = performance.now();
    contender.announce(file);
    await tab.waitForFunction((text) => document.querySelector("h1")?.textContent === text, marker, { timeout: 10_000, polling: "raf" });
    times.push(performance.now() - started);
    await tab.waitForTimeout(100);
  }
  await writeFile(file, original);
  await tab.close();
  return times;
}

/** What others get: a page whose domain was rebound to 127.0.0.1, and a machine on the network. */
async function foreignRequests(url: string): Promise<string> {
  const port = Number(new URL(url).port);
  const page = `/${path.dirname(PAGE)}/`;
  const rebound = await statusOf({ host: "127.0.0.1", port, path: page, headers: { host: `evil.example:${port}` } });
  const lan = Object.values(os.networkInterfaces()).flat().find((address) => address && address.family === "IPv4" && !address.internal)?.address;
  const fromNetwork = lan ? await statusOf({ host: lan, port, path: page, timeout: 2000 }) : "no network address";
  return `Host: evil.example → ${rebound}; from ${lan} → ${fromNetwork}`;
}

function statusOf(options: http.RequestOptions): Promise<string> {
  return new Promise((resolve) => {
    const request = http.get(options, (response) => resolve(String(response.statusCode)));
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
