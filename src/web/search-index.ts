import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { readCacheEntry, writeCacheEntry } from "../files/cache-entry.ts";
import { episodePage } from "../paths/output-paths.ts";
import { cacheDir } from "../paths/project-files.ts";

/**
 * The Pagefind search index over the finished episode pages, in /pagefind/, so the archive's
 * search box works offline on any static host. Only what is marked `data-pagefind-body` (an
 * episode's text) is indexed: https://pagefind.app/docs/indexing/
 */

/** The episode pages, as a glob below the output folder: episodes/<slug>/index.html. */
const EPISODE_PAGES = `${episodePage("*").slice(1)}index.html`;

/**
 * Writes the index into output/pagefind/. The last index made is kept in the cache with a
 * hash of the episode pages it was made from, so a build whose pages did not change writes
 * it again instead of indexing every episode again; an entry that fails its check is made
 * again. Pagefind hands the files over rather than writing them itself, so a full disk is
 * one clear error here, not a panic of its process.
 */
export async function writeSearchIndex(output: string, cacheDir: string): Promise<void> {
  const target = path.join(output, "pagefind");
  const hash = await episodePagesHash(output);
  const cacheFile = path.join(cacheDir, "index.json");
  const cached = await readCacheEntry<[string, string][]>(cacheFile, hash);
  const files = Array.isArray(cached) ? cached.map(([file, base64]) => ({ path: file, content: Buffer.from(base64, "base64") })) : await indexEpisodePages(output);
  for (const file of files) {
    const destination = path.join(target, file.path);
    await mkdir(path.dirname(destination), { recursive: true });
    await writeFile(destination, file.content);
  }
  if (!cached) await writeCacheEntry(cacheFile, hash, files.map((file) => [file.path, Buffer.from(file.content).toString("base64")]));
}

async function episodePagesHash(output: string): Promise<string> {
  const hash = createHash("sha256");
  const episodesDir = path.join(output, path.dirname(episodePage("x").slice(1)));
  const slugs = (await readdir(episodesDir).catch(() => [] as string[])).sort();
  for (const slug of slugs) {
    const page = await readFile(path.join(episodesDir, slug, "index.html")).catch(() => undefined);
    if (page) hash.update(slug).update("\0").update(page).update("\0");
  }
  return hash.digest("hex");
}

async function indexEpisodePages(output: string): Promise<{ path: string; content: Uint8Array }[]> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: output, glob: EPISODE_PAGES });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index ${output}: ${added.errors.join("; ")}`);
  const made = await index.getFiles();
  if (made.errors.length > 0) throw new Error(`Pagefind could not make its index: ${made.errors.join("; ")}`);
  return made.files;
}

/** Writes the index, then stops Pagefind: for a build, after which the process exits. */
export async function indexAndClose(output: string, cacheDir: string): Promise<void> {
  try {
    await writeSearchIndex(output, cacheDir);
  } finally {
    // Pagefind runs as a child process; closing it lets `castpress build` exit.
    await pagefind.close();
  }
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
