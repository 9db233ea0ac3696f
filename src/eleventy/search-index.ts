import path from "node:path";
import { cacheDir } from "../paths/project-files.ts";
import type { CastpressData } from "../project/castpress-data.ts";
import { closeSearchIndexing, StreamedIndex } from "../web/search-index.ts";
import type { BuildOptions } from "./build-options.ts";
import { BUILD_DATA_EVENT } from "./episodes-data.ts";

/**
 * The search index of a build (src/web/search-index.ts).
 *
 * A build hands each episode page to Pagefind as soon as Eleventy has rendered it: Pagefind
 * is a process of its own, so it indexes on the second core while Eleventy renders the rest,
 * instead of reading every page back from disk after Eleventy has finished.
 */
export function searchIndex(eleventyConfig: any, options: BuildOptions): void {
  let streaming: StreamedIndex | undefined;
  let pageOrder: string[] = [];
  eleventyConfig.on(BUILD_DATA_EVENT, (data: CastpressData) => {
    pageOrder = data.render.episodePages.map((episode) => episode.slug);
    streaming?.expect(pageOrder);
  });

  eleventyConfig.on("eleventy.before", ({ directories, runMode }: BuildEvent) => {
    // Indexing every episode again takes seconds on a large archive: serve has it done by a
    // BackgroundIndexer once the browser has reloaded, instead of holding the reload up.
    streaming = runMode === "build" ? new StreamedIndex(directories.output) : undefined;
    // The data may have been loaded before this event or after it.
    streaming?.expect(pageOrder);
  });

  eleventyConfig.addTransform("castpress-search-index", function (this: { page: { outputPath: string | false } }, content: string) {
    if (streaming && this.page.outputPath) streaming.add(this.page.outputPath, content);
    return content;
  });

  eleventyConfig.on("eleventy.after", async ({ directories }: BuildEvent) => {
    if (!streaming) return;
    const index = streaming;
    streaming = undefined;
    try {
      await index.write(path.join(directories.output, "pagefind"), cacheDir(options.root, "pagefind"));
    } finally {
      // Pagefind runs as a child process; closing it lets `castpress build` exit.
      await closeSearchIndexing();
    }
  });
}

interface BuildEvent {
  directories: { output: string };
  runMode: string;
}
