import path from "node:path";
import * as pagefind from "pagefind";
import { episodePage } from "../paths.ts";

/**
 * Builds the Pagefind search index over the finished episode pages, into /pagefind/, so the
 * archive's search box works offline on any static host. Only what is marked
 * `data-pagefind-body` (an episode's text) is indexed: https://pagefind.app/docs/indexing/
 */
export function searchIndex(eleventyConfig: any): void {
  const background = new BackgroundIndexer();
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    // Indexing every episode again takes seconds on a large archive: while serving, it runs
    // after the browser has reloaded instead of holding the reload up.
    if (runMode === "build") await indexAndClose(directories.output);
    else background.request(directories.output);
  });
}

/** The episode pages, as a glob below the output folder: episodes/<slug>/index.html. */
const EPISODE_PAGES = `${episodePage("*").slice(1)}index.html`;

export async function writeSearchIndex(output: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: output, glob: EPISODE_PAGES });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index ${output}: ${added.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: path.join(output, "pagefind") });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
}

async function indexAndClose(output: string): Promise<void> {
  try {
    await writeSearchIndex(output);
  } finally {
    // Pagefind runs as a child process; closing it lets `castpress build` exit.
    await pagefind.close();
  }
}

/** One index build at a time; requests made meanwhile collapse into one more run. */
class BackgroundIndexer {
  private running = false;
  private pending: string | undefined;

  request(output: string): void {
    this.pending = output;
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.pending) {
      const output = this.pending;
      this.pending = undefined;
      await writeSearchIndex(output).catch((error: Error) => console.warn(`search index not updated: ${error.message}`));
    }
    this.running = false;
  }
}
