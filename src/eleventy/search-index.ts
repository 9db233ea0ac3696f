import { cacheDir } from "../paths/project-files.ts";
import { indexAndClose } from "../web/search-index.ts";
import type { BuildOptions } from "./build-options.ts";

/** After a build, the search index over its episode pages (src/web/search-index.ts). */
export function searchIndex(eleventyConfig: any, options: BuildOptions): void {
  eleventyConfig.on("eleventy.after", async ({ directories, runMode }: { directories: { output: string }; runMode: string }) => {
    // Indexing every episode again takes seconds on a large archive: serve has it done by a
    // BackgroundIndexer once the browser has reloaded, instead of holding the reload up.
    if (runMode === "build") await indexAndClose(directories.output, cacheDir(options.root, "pagefind"));
  });
}
