import { createHash } from "node:crypto";
import { cp, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { episodePage } from "../paths/output-paths.ts";
import { cacheDir } from "../paths/project-files.ts";
import type { BuildOptions } from "./build-options.ts";

/**
 * Builds the Pagefind search index over the finished episode pages, into /pagefind/, so the
 * archive's search box works offline on any static host. Only what is marked
 * `data-pagefind-body` (an episode's text) is indexed: https://pagefind.app/docs/indexing/
 */
export function searchIndex(eleventyConfig: any, options: BuildOptions): void {
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    // Indexing every episode again takes seconds on a large archive: serve has it done by a
    // BackgroundIndexer once the browser has reloaded, instead of holding the reload up.
    if (runMode === "build") await indexAndClose(directories.output, cacheDir(options.root, "pagefind"));
  });
}

/** The episode pages, as a glob below the output folder: episodes/<slug>/index.html. */
const EPISODE_PAGES = `${episodePage("*").slice(1)}index.html`;

/**
 * Writes the index into output/pagefind/. An index is kept in the cache under a hash of the
 * episode pages it was made from, so a build whose pages did not change copies it instead
 * of indexing every episode again.
 */
export async function writeSearchIndex(output: string, cacheDir: string): Promise<void> {
  const target = path.join(output, "pagefind");
  const hash = await episodePagesHash(output);
  const cached = path.join(cacheDir, hash);
  const reused = await cp(cached, target, { recursive: true, errorOnExist: false }).then(
    () => stat(path.join(target, "pagefind.js")).then(() => true),
    () => false,
  );
  if (reused) return;
  await indexEpisodePages(output, target);
  await keepInCache(target, cacheDir, hash).catch(() => undefined);
}

/** Replaces the cached index by this one; a concurrent build's copy is never half-written. */
async function keepInCache(index: string, cacheDir: string, hash: string): Promise<void> {
  const staging = path.join(cacheDir, `.${hash}-${process.pid}`);
  await cp(index, staging, { recursive: true });
  await rename(staging, path.join(cacheDir, hash)).catch(() => rm(staging, { recursive: true, force: true }));
  for (const entry of await readdir(cacheDir)) {
    if (entry !== hash && !entry.startsWith(".")) await rm(path.join(cacheDir, entry), { recursive: true, force: true });
  }
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

async function indexEpisodePages(output: string, target: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: output, glob: EPISODE_PAGES });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index ${output}: ${added.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: target });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
}

async function indexAndClose(output: string, cacheDir: string): Promise<void> {
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
