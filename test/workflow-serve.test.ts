import { copyFile, mkdir, readFile, rename, stat, utimes, writeFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixture } from "./support/castpress-cli.ts";
import { chromiumAvailable, launchChromium } from "./support/chromium.ts";
import { eventually as eventuallyWithin, startServe, type ServeSession } from "./support/serve-session.ts";

const EPISODE = "episodes/2025-01-16-first-episode.md";
const PAGE = "episodes/first-episode/";

let project: string;
let serve: ServeSession;
let url: string;

const eventually = <T>(probe: () => Promise<T | undefined | false>) => eventuallyWithin(probe, { describe: () => `serve printed:\n${serve.output()}` });
const page = async (pathname: string): Promise<string> => (await fetch(new URL(pathname, url))).text();
const status = async (): Promise<string[]> => ((await (await fetch(new URL("__castpress/status", url))).json()) as { problems: string[] }).problems;

async function editEpisode(change: (text: string) => string): Promise<void> {
  const file = path.join(project, EPISODE);
  await writeFile(file, change(await readFile(file, "utf8")));
}

/** Saves as vim, emacs and `sed -i` do: a new file beside the old one, renamed over it. */
async function saveByRename(relative: string, change: (text: string) => string): Promise<void> {
  const file = path.join(project, relative);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  await writeFile(temporary, change(await readFile(file, "utf8")));
  await rename(temporary, file);
}

/** A GET with the Host header a browser would send for `host`, which fetch cannot set. */
function getWithHost(pathname: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(pathname, url), { headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body }));
    });
    request.on("error", reject);
  });
}

beforeAll(async () => {
  project = await copyFixture("workflow");
  await writeFile(path.join(project, "episodes/2025-01-20-unfinished.md"), "---\ntitle: Unfinished draft\ndate: 2025-01-20\ndraft: true\n---\n\nNot yet.\n");
  serve = await startServe(project);
  url = serve.url;
});

afterAll(() => serve?.stop());

describe("castpress serve", () => {
  it("listens on 127.0.0.1 only, and serves the archive with drafts included", async () => {
    expect(new URL(url).hostname).toBe("127.0.0.1");
    expect(await page(PAGE)).toContain("The first episode");
    expect(await page("episodes/unfinished/")).toContain("Unfinished draft");
  });

  it("rebuilds the page when an episode is edited", async () => {
    await editEpisode((text) => text.replace("title: The first episode", "title: The edited episode"));
    await eventually(async () => (await page(PAGE)).includes("The edited episode"));
  });

  it("shows a broken episode's file:line error, keeps the last good page, and recovers when fixed", async () => {
    await editEpisode((text) => text.replace("[[Fukuda Tatsuo]]", "[[Nobody Known]]"));
    const problems = await eventually(async () => {
      const current = await status();
      return current.length > 0 && current;
    });
    expect(problems.join("\n")).toContain(`${EPISODE}:9: no one called "Nobody Known"`);
    expect(serve.output()).toContain(`${EPISODE}:9: no one called "Nobody Known"`);
    expect(await page(PAGE)).toContain("The edited episode");

    await editEpisode((text) => text.replace("[[Nobody Known]]", "[[Fukuda Tatsuo]]"));
    await eventually(async () => (await status()).length === 0);
  });

  it("offers a preview of the episode's email and of the feeds", async () => {
    const preview = await page("__castpress/preview/first-episode/");
    expect(preview).toContain('src="/email/first-episode.html"');
    expect(preview).toMatch(/width="375"/);
    expect(await page("__castpress/feeds/")).toContain("/podcast.xml");
  });

  it.runIf(chromiumAvailable())("reloads an open page in the browser after an edit, and shows errors on it", async () => {
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      await tab.goto(new URL(PAGE, url).href);
      await tab.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("The edited episode"));
      await editEpisode((text) => text.replace("title: The edited episode", "title: Reloaded live"));
      await tab.waitForFunction(() => document.querySelector("h1")?.textContent?.includes("Reloaded live"), undefined, { timeout: 30_000 });

      await editEpisode((text) => text.replace("date: 2025-01-16", "date: 2025-02-30"));
      const overlay = await tab.waitForSelector("#castpress-problems", { timeout: 30_000 });
      expect(await overlay.textContent()).toContain(`${EPISODE}:4:`);
      await editEpisode((text) => text.replace("date: 2025-02-30", "date: 2025-01-16"));
      await tab.waitForSelector("#castpress-problems", { state: "detached", timeout: 30_000 });
    } finally {
      await browser.close();
    }
  });

  it("answers only requests for its own address: a page whose domain points at 127.0.0.1 cannot read the drafts", async () => {
    const port = new URL(url).port;
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, "evil.example"]) {
      const refused = await getWithHost("episodes/unfinished/", host);
      expect(refused.status, host).toBe(403);
      expect(refused.body, host).not.toContain("Unfinished draft");
      expect((await getWithHost("__castpress/status", host)).status, host).toBe(403);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const answered = await getWithHost("episodes/unfinished/", host);
      expect(answered.status, host).toBe(200);
      expect(answered.body, host).toContain("Unfinished draft");
    }
  });

  it("shows each of 5 saves in a row made by renaming a new file over the episode", async () => {
    for (let save = 1; save <= 5; save++) {
      const title = `Renamed save ${save}`;
      await saveByRename(EPISODE, (text) => text.replace(/^title: .*$/m, `title: ${title}`));
      await eventually(async () => (await page(PAGE)).includes(title));
    }
  });

  it("shows an edit that keeps the file's size and modification time (cp -p, touch -r)", async () => {
    const file = path.join(project, EPISODE);
    // A whole second, which utimes sets exactly, as cp -p and touch -r copy a time; cp -p also
    // copies the access time, often later than the modification time.
    const kept = new Date("2025-01-20T00:00:00Z");
    const read = new Date("2025-01-21T00:00:00Z");
    await utimes(file, read, kept);
    await eventually(async () => (await page(PAGE)).includes("Renamed save 5"));
    const before = await stat(file);
    const text = await readFile(file, "utf8");
    const edited = text.replace("title: Renamed save 5", "title: Kept the times");
    expect(Buffer.byteLength(edited)).toBe(before.size);
    await writeFile(file, edited);
    await utimes(file, read, kept);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    await eventually(async () => (await page(PAGE)).includes("Kept the times"));
  });

  it("sees saves of castpress.yaml and people.yaml, in place and by rename", async () => {
    await saveByRename("castpress.yaml", (text) => text.replace("title: Workflow Fixture", "title: Renamed Publication"));
    await eventually(async () => (await page("")).includes("Renamed Publication"));
    await saveByRename("castpress.yaml", (text) => text.replace("title: Renamed Publication", "title: Publication Renamed Twice"));
    await eventually(async () => (await page("")).includes("Publication Renamed Twice"));

    const peopleFile = path.join(project, "people.yaml");
    await writeFile(peopleFile, (await readFile(peopleFile, "utf8")).replace("Acting Secretary-General", "Chief Negotiator"));
    await eventually(async () => (await page("people/fukuda-tatsuo/")).includes("Chief Negotiator"));
    await saveByRename("people.yaml", (text) => text.replace("Chief Negotiator", "Special Envoy"));
    await eventually(async () => (await page("people/fukuda-tatsuo/")).includes("Special Envoy"));
  });

  it("sees a template the project adds to override castpress's, and each later save of it", async () => {
    const override = "templates/partials/subscribe.njk";
    const original = await readFile(path.join(import.meta.dirname, "..", override), "utf8");
    await mkdir(path.join(project, "templates/partials"), { recursive: true });
    await writeFile(path.join(project, override), `${original}<p>Override one</p>`);
    await eventually(async () => (await page("")).includes("Override one"));
    for (const version of ["two", "three"]) {
      await saveByRename(override, (text) => text.replace(/Override \w+/, `Override ${version}`));
      await eventually(async () => (await page("")).includes(`Override ${version}`));
    }
  });

  it("sees a media file replaced by rename, in episodes/ or wherever castpress.yaml names it", async () => {
    /** The podcast art as the preview serves it, found where podcast apps find it: the feed's itunes:image. */
    const servedArt = async (): Promise<Buffer> => {
      const feed = await page("podcast.xml");
      const href = /<itunes:image href="([^"]+)"/.exec(feed)?.[1];
      const response = await fetch(new URL(new URL(href!).pathname, url));
      return response.status === 200 ? Buffer.from(await response.arrayBuffer()) : Buffer.alloc(0);
    };
    const art = path.join(project, "episodes/art/cover.png");
    const original = await readFile(art);
    const marked = (mark: string) => Buffer.concat([original, Buffer.from(mark)]);

    await writeFile(`${art}.tmp`, marked("first"));
    await rename(`${art}.tmp`, art);
    await eventually(async () => (await servedArt()).equals(marked("first")));

    await mkdir(path.join(project, "art"));
    await copyFile(art, path.join(project, "art/cover.png"));
    await saveByRename("castpress.yaml", (text) => text.replace("image: episodes/art/cover.png", "image: art/cover.png"));
    await eventually(async () => (await page("podcast.xml")).includes("art/cover.png") && !(await page("podcast.xml")).includes("episodes/art"));
    for (const mark of ["second", "third"]) {
      await writeFile(path.join(project, "art/cover.png.tmp"), marked(mark));
      await rename(path.join(project, "art/cover.png.tmp"), path.join(project, "art/cover.png"));
      await eventually(async () => (await servedArt()).equals(marked(mark)));
    }
  });
});
