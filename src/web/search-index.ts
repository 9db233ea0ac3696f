import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { readCacheEntry, writeCacheEntry } from "../files/cache-entry.ts";
import { fewAtOnce } from "../files/few-at-once.ts";
import { episodePage } from "../paths/output-paths.ts";
import { cacheDir } from "../paths/project-files.ts";

/**
 * The Pagefind search index over the episode pages, in /pagefind/, so the archive's search box
 * works offline on any static host. Only what is marked `data-pagefind-body` (an episode's
 * text) is indexed: https://pagefind.app/docs/indexing/
 */

/** The episode pages, as a glob below the output folder: episodes/<slug>/index.html. */
const EPISODE_PAGES = `${episodePage("*").slice(1)}index.html`;
const [PAGE_PREFIX, PAGE_SUFFIX] = EPISODE_PAGES.split("*") as [string, string];

/** The slug of an episode page's path below the output folder, or undefined for any other file. */
function episodeSlug(sourcePath: string): string | undefined {
  if (!sourcePath.startsWith(PAGE_PREFIX) || !sourcePath.endsWith(PAGE_SUFFIX)) return undefined;
  const slug = sourcePath.slice(PAGE_PREFIX.length, -PAGE_SUFFIX.length);
  return slug && !slug.includes("/") ? slug : undefined;
}

/**
 * An index fed page by page while the build renders, and the hash of those pages that names it
 * in the cache. Pagefind numbers pages in the order they are added, and its index files are
 * named by their content: pages go to it in the archive's order (the order Eleventy renders
 * them in, so few wait), which makes the index the same at every build.
 */
export class StreamedIndex {
  private readonly index = pagefind.createIndex({}).then(({ index, errors }) => {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    return index;
  });
  private readonly added: Promise<string[]>[] = [];
  private readonly pageHashes = new Map<string, string>();
  /** Rendered pages waiting for the ones before them, by slug. */
  private readonly waiting = new Map<string, HTMLFile>();
  private order: string[] = [];
  private next = 0;

  constructor(private readonly output: string) {
    // Reported by write(); until then a failure to start must not crash the build as unhandled.
    this.index.catch(() => undefined);
  }

  /** The slugs of the episode pages this build renders, in the archive's order. */
  expect(slugs: string[]): void {
    this.order = slugs;
    this.flush();
  }

  add(outputPath: string, content: string): void {
    const sourcePath = path.relative(this.output, outputPath).split(path.sep).join("/");
    const slug = episodeSlug(sourcePath);
    if (!slug) return;
    this.pageHashes.set(slug, pageHash(content));
    this.waiting.set(slug, { sourcePath, content });
    this.flush();
  }

  private flush(): void {
    while (this.next < this.order.length && this.waiting.has(this.order[this.next]!)) this.send(this.order[this.next++]!);
  }

  private send(slug: string): void {
    const file = this.waiting.get(slug)!;
    this.waiting.delete(slug);
    this.added.push(this.index.then((index) => index.addHTMLFile(file)).then(({ errors }) => errors, (error: Error) => [error.message]));
  }

  /** Writes the index, or the cached one made from the same pages. */
  async write(target: string, cacheDir: string): Promise<void> {
    // Pages that never came (or that were not expected) do not hold the others back.
    for (const slug of [...this.order.filter((expected) => this.waiting.has(expected)), ...[...this.waiting.keys()].sort()]) {
      if (this.waiting.has(slug)) this.send(slug);
    }
    const errors = (await Promise.all(this.added)).flat();
    if (errors.length > 0) throw new Error(`Pagefind could not index ${this.output}: ${errors.join("; ")}`);
    const hash = combinedHash(this.pageHashes);
    if (await copyCached(cacheDir, hash, target)) return;
    await writeIndexFiles(await this.index, target, cacheDir, hash);
  }
}

interface HTMLFile {
  sourcePath: string;
  content: string;
}

/**
 * Writes the index into output/pagefind/. The last index made is kept in the cache with a
 * hash of the episode pages it was made from, so a build whose pages did not change writes
 * it again instead of indexing every episode again; an entry that fails its check is made again.
 */
export async function writeSearchIndex(output: string, cacheDir: string): Promise<void> {
  const target = path.join(output, "pagefind");
  const hash = await episodePagesHash(output);
  if (await copyCached(cacheDir, hash, target)) return;
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: output, glob: EPISODE_PAGES });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index ${output}: ${added.errors.join("; ")}`);
  await writeIndexFiles(index, target, cacheDir, hash);
}

/** The cached index made from these pages, written into `target`, if there is one that passes its check. */
async function copyCached(cacheDir: string, hash: string, target: string): Promise<boolean> {
  const cached = await readCacheEntry<[string, string][]>(path.join(cacheDir, CACHE_FILE), hash);
  if (!Array.isArray(cached)) return false;
  await writeFiles(target, cached.map(([file, base64]) => ({ path: file, content: Buffer.from(base64, "base64") })));
  return true;
}

/**
 * Pagefind hands its files over rather than writing them itself, so a full disk is one clear
 * error here, not a panic of its process; they are kept in the cache as one verified entry.
 */
async function writeIndexFiles(index: pagefind.PagefindIndex, target: string, cacheDir: string, hash: string): Promise<void> {
  const made = await index.getFiles();
  if (made.errors.length > 0) throw new Error(`Pagefind could not make its index: ${made.errors.join("; ")}`);
  await writeFiles(target, made.files);
  await writeCacheEntry(path.join(cacheDir, CACHE_FILE), hash, made.files.map((file) => [file.path, Buffer.from(file.content).toString("base64")]));
}

/**
 * A few writes at once rather than one after the other: the index is a thousand files, and
 * while a build renders its emails each awaited write waits for a turn of a busy event loop
 * (one after the other, they took 2.4 s at the end of a 1000-episode build).
 */
async function writeFiles(target: string, files: { path: string; content: Uint8Array }[]): Promise<void> {
  const destinations = files.map((file) => path.join(target, file.path));
  for (const folder of new Set(destinations.map((destination) => path.dirname(destination)))) await mkdir(folder, { recursive: true });
  await fewAtOnce(files, 16, (file, index) => writeFile(destinations[index]!, file.content));
}

const CACHE_FILE = "index.json";

async function episodePagesHash(output: string): Promise<string> {
  const episodesDir = path.join(output, path.dirname(episodePage("x").slice(1)));
  const pageHashes = new Map<string, string>();
  for (const slug of await readdir(episodesDir).catch(() => [] as string[])) {
    const page = await readFile(path.join(episodesDir, slug, "index.html")).catch(() => undefined);
    if (page) pageHashes.set(slug, pageHash(page));
  }
  return combinedHash(pageHashes);
}

const pageHash = (page: string | Buffer): string => createHash("sha256").update(page).digest("hex");

/** One hash of every page's, in the order of their slugs, whichever order they were rendered in. */
function combinedHash(pageHashes: Map<string, string>): string {
  const hash = createHash("sha256");
  for (const slug of [...pageHashes.keys()].sort()) hash.update(slug).update("\0").update(pageHashes.get(slug)!).update("\0");
  return hash.digest("hex");
}

/** Stops Pagefind's process, so that `castpress build` can exit. */
export async function closeSearchIndexing(): Promise<void> {
  await pagefind.close();
}

/** Writes the search index of an output folder on request, one at a time; requests made meanwhile collapse into one more run. */
export class BackgroundIndexer {
  private running = false;
  private pending: string | undefined;
  private readonly cacheDir: string;

  constructor(root: string) {
    this.cacheDir = cacheDir(root, "pagefind");
  }

  request(output: string): void {
    this.pending = output;
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.pending) {
      const output = this.pending;
      this.pending = undefined;
      await writeSearchIndex(output, this.cacheDir).catch((error: Error) => console.warn(`search index not updated: ${error.message}`));
    }
    this.running = false;
  }
}
