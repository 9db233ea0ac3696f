import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate } from "html-validate";
import { simpleParser } from "mailparser";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { email } from "../src/cli/commands/email.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { runInProcess } from "./support/command-in-process.ts";
import { serveStatic } from "./support/static-server.ts";

/**
 * An episode of ~300 KB of prose, far past the 102 KB at which Gmail clips an email: its email
 * is cut between two blocks with a link to the web page, its text twin at the same place, and
 * the build says so, naming the file.
 */
const LONG_FILE = "episodes/2025-03-01-long-read.md";
const PAGE_URL = "https://letters.example.org/episodes/long-read/";
const SECTIONS = 30;

let project: string;
let stderr: string;
let html: string;
let text: string;
let shortHtml: string;

beforeAll(async () => {
  project = await copyFixture("email-clipping");
  await writeFile(path.join(project, LONG_FILE), longEpisode());
  expect(Buffer.byteLength(longEpisode())).toBeGreaterThan(280 * 1024);
  const built = await buildInProcess(project);
  expect(built.code, built.stderr).toBe(0);
  stderr = built.stderr;
  const email = (name: string) => readFile(path.join(project, "dist/email", name), "utf8");
  [html, text, shortHtml] = await Promise.all([email("long-read.html"), email("long-read.txt"), email("short.html")]);
}, 120_000);

describe("an email longer than Gmail shows", () => {
  it("is cut under Gmail's 102 KB, and the build warns, naming the file, the size and where it is cut", () => {
    expect(Buffer.byteLength(html)).toBeLessThan(102_000);
    const warnings = stderr.split("\n").filter((line) => line.includes("warning:"));
    expect(warnings).toHaveLength(1);
    const warning = /^episodes\/2025-03-01-long-read\.md:1: warning: the email is (\d+) KB, over Gmail's 102 KB clip — it is cut after "Part (\d+)" \(block \d+ of \d+\) with a "Continue reading on the web" link/.exec(warnings[0]!);
    expect(warning, warnings[0]).not.toBeNull();
    expect(Number(warning![1])).toBeGreaterThan(250);
    // The section it names is the last one the email shows.
    const lastPart = Number(warning![2]);
    expect(html).toContain(`>Part ${lastPart}</h2>`);
    expect(html).not.toContain(`>Part ${lastPart + 1}</h2>`);
  });

  it("leaves a short email whole, without a continue link", () => {
    expect(shortHtml).not.toContain("Continue reading on the web");
    expect(shortHtml).toContain("Nothing to cut here.");
  });

  it("is well-formed where it is cut: every element, every table closed in order", async () => {
    const validator = new HtmlValidate({ rules: { "close-order": "error", "close-attr": "error" } });
    const report = await validator.validateString(html);
    const problems = report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
    // The part shown holds each kind of block table, so the check above covered them all.
    for (const kind of ["quote", "note", "timeline"]) expect(html, kind).toContain(`<table role="presentation" class="${kind}"`);
    expect(html).not.toContain("castpress-cut");
  });

  it("cuts the text twin at the same place, ending with the same link", () => {
    for (let part = 1; part <= SECTIONS; part++) {
      expect(text.includes(`Part ${part}\n------`), `Part ${part}`).toBe(html.includes(`>Part ${part}</h2>`));
    }
    expect(text).toContain(`Continue reading on the web: ${PAGE_URL}\n`);
    expect(text).toMatch(/\nUnsubscribe: \{\{ UnsubscribeURL \}\}\nManage subscription: \{\{ ManageURL \}\}\n$/);
  });

  it("puts both cut parts in the .eml that castpress email makes", async () => {
    const made = await runInProcess(email, { root: project }, ["long-read"]);
    expect(made.code, made.stderr).toBe(0);
    const mail = await simpleParser(await readFile(path.join(project, "dist/email/long-read.eml")));
    expect(mail.html).toBe(html);
    expect(mail.text).toBe(text);
  });
});

describe.runIf(chromiumAvailable())("the cut email in a browser", () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    [server, browser] = await Promise.all([serveStatic(path.join(project, "dist")), launchChromium()]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("ends the body with the continue link to the episode's page, then the footer, without scrolling sideways", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 900 } });
    await page.goto(`${server.url}/email/long-read.html`);
    const seen = await page.evaluate(() => {
      const body = document.querySelector(".prose div")!;
      const last = body.lastElementChild!;
      return {
        lastText: last.textContent!.trim(),
        lastHref: last.querySelector("a")?.getAttribute("href"),
        footerAfter: Boolean(document.querySelector(".footer-text")) && body.compareDocumentPosition(document.querySelector(".footer-text")!) === Node.DOCUMENT_POSITION_FOLLOWING,
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      };
    });
    expect(seen.lastText).toBe("Continue reading on the web →");
    expect(seen.lastHref).toBe(PAGE_URL);
    expect(seen.footerAfter).toBe(true);
    expect(seen.sideways).toBe(false);
    await page.close();
  });
});

/** ~10 KB a section: prose, a quote in two languages, a note and a timeline of two meetings. */
function longEpisode(): string {
  const sentence = (part: number, n: number) =>
    `In part ${part}, paragraph ${n}, the delegation & its hosts returned to the <same> questions of trade, fisheries and the exchange of young parliamentarians, which neither side had settled.`;
  const paragraph = (part: number, n: number) => Array.from({ length: 8 }, () => sentence(part, n)).join(" ");
  const sections = Array.from({ length: SECTIONS }, (_, index) => {
    const part = index + 1;
    return [
      `## Part ${part}`,
      paragraph(part, 1),
      paragraph(part, 2),
      `::: quote speaker="Wang Yi" source="https://example.org/quote/${part}" lang=zh\n双方表示将保持高层交往和各领域对话交流。\n---\n${paragraph(part, 3)}\n:::`,
      `::: note\n${paragraph(part, 4)}\n:::`,
      `:::: meeting date=2025-01-${String((part % 27) + 1).padStart(2, "0")} with="Wang Yi" place=Beijing\n${paragraph(part, 5)}\n::::`,
      `:::: meeting date=2025-01-${String((part % 27) + 2).padStart(2, "0")} with="Fukuda Tatsuo" place=Tokyo\nThey met [[Fukuda Tatsuo]]. ${paragraph(part, 6)}\n::::`,
      paragraph(part, 7),
    ].join("\n\n");
  });
  return ["---", "title: A very long read", "subtitle: Longer than any inbox shows", "date: 2025-03-01", "guid: 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", "---", "", ...sections, ""].join("\n");
}
