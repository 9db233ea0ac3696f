import { createHash } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { readCacheEntry, writeCacheEntry } from "../files/cache-entry.ts";
import { fewAtOnce } from "../files/few-at-once.ts";
import { filesBelow } from "../files/files-below.ts";
import type { Person } from "../episode/episode.ts";
import type { EpisodeText } from "../episode/parse-episode.ts";
import type { SiteConfig } from "../config/site-config.ts";
import { PACKAGE_ROOT, SOURCE_DIR } from "../paths/package-files.ts";
import { cacheDir } from "../paths/project-files.ts";

/**
 * Each episode's parsed text (readEpisodeText), kept in .cache/castpress/episodes/ between runs
 * under a key made of what the text depends on: the file's path in the project and its
 * content, the config and the people directory, and castpress's own code and dependencies.
 * Nothing of the machine is in it (no absolute path, no file times), so a CI checkout with a
 * restored .cache/ parses only the episodes that changed. The files an episode names (audio,
 * art) are not part of its text: they are looked at again every time (completeEpisode).
 */
export class EpisodeTextCache {
  /** Entries this run read or wrote: the others are of texts that no longer exist, removed at the end. */
  private readonly used = new Set<string>();
  /** Whether every episode was read through this cache: only then are the entries it did not use known to be unused. */
  private everyEpisodeSeen = true;
  /** One write after another, beside the parse: all at once could run out of file descriptors. */
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly settingsKey: string,
  ) {}

  static async open(root: string, site: SiteConfig, people: ReadonlyMap<string, Person>): Promise<EpisodeTextCache> {
    // The project's folder is not part of what a text means: a restored cache is elsewhere.
    const { root: _root, ...settings } = site;
    const settingsKey = sha256(`episode-text 1\0${await codeHash()}\0${JSON.stringify(settings)}\0${JSON.stringify([...people])}`);
    return new EpisodeTextCache(cacheDir(root, "episodes"), settingsKey);
  }

  /** The text parsed from `source` earlier, or the one `parse` gives now (kept for later runs). */
  async textOf(file: string, source: string, parse: () => EpisodeText): Promise<EpisodeText> {
    const key = sha256(`${this.settingsKey}\0${file}\0${source}`);
    const entry = path.join(this.dir, `${key}.json`);
    this.used.add(entry);
    const kept = await readCacheEntry<EpisodeText>(entry, key);
    if (kept) return kept;
    const text = parse();
    this.writing = this.writing.then(() => writeCacheEntry(entry, key, text));
    return text;
  }

  /** An episode taken as an earlier load in this process left it (serve), its entry not looked up. */
  reusedInMemory(): void {
    this.everyEpisodeSeen = false;
  }

  /** Waits for the entries to be written, and removes those no episode uses any more. */
  async finish(): Promise<void> {
    await this.writing;
    if (!this.everyEpisodeSeen) return;
    const entries = await readdir(this.dir).catch(() => []);
    const unused = entries.map((name) => path.join(this.dir, name)).filter((entry) => !this.used.has(entry));
    await fewAtOnce(unused, FILES_AT_ONCE, (entry) => rm(entry, { force: true }).catch(() => undefined));
  }
}

/** Files read or removed at once: a few, so that a low limit of open files (macOS: 256) is never reached. */
const FILES_AT_ONCE = 16;

let code: Promise<string> | undefined;

/** castpress's code and the versions of what it runs on (its dependencies, Node.js): another may parse the same text otherwise. */
function codeHash(): Promise<string> {
  code ??= (async () => {
    const lockFiles = ["package.json", "package-lock.json", "npm-shrinkwrap.json"].map((name) => path.join(PACKAGE_ROOT, name));
    const files = [...(await filesBelow(SOURCE_DIR)), ...lockFiles];
    const contents = await fewAtOnce(files, FILES_AT_ONCE, (file) => readFile(file).catch(() => undefined));
    // The language tags and dates are checked with Node.js's own Intl data.
    const hash = createHash("sha256").update(`${process.version}\0${process.versions.icu}\0`);
    files.forEach((file, index) => hash.update(`${path.relative(PACKAGE_ROOT, file)}\0`).update(contents[index] ?? "none").update("\0"));
    return hash.digest("hex");
  })();
  return code;
}

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
