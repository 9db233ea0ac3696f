import path from "node:path";
import { BackgroundWrites } from "../files/background-writes.ts";
import { cacheDir } from "../paths/project-files.ts";
import type { CastpressData } from "../project/castpress-data.ts";
import type { TemplateEnvironments } from "../rendering/template-environments.ts";
import { writeEpisodePages } from "../web/episode-pages.ts";
import { closeSearchIndexing, StreamedIndex } from "../web/search-index.ts";
import type { BuildOptions } from "./build-options.ts";
import { BUILD_DATA_EVENT } from "./episodes-data.ts";

export interface EpisodePagesOptions extends BuildOptions {
  templates: TemplateEnvironments;
}

/**
 * The episode pages (`render.episodePages`: every one, or while serving those an edit
 * changed), and the search index made from them (src/web/search-index.ts).
 *
 * castpress writes the pages itself, beside Eleventy's, as the emails are: Eleventy keeps every
 * page it writes, content and all, until the build ends, which made memory grow with the
 * archive. Each page goes to Pagefind as it is written: Pagefind is a process of its own, so it
 * indexes on the second core while the rest is rendered.
 */
export function episodePages(eleventyConfig: any, options: EpisodePagesOptions): void {
  // castpress build and serve stop them when the build fails; a bare Eleventy run has no one to tell.
  const writes = options.backgroundWrites ?? new BackgroundWrites();
  let data: CastpressData | undefined;
  let build: BuildEvent | undefined;
  let writing: { pages: Promise<void>; index: StreamedIndex | undefined } | undefined;

  // The writing starts once both are known, the build's data and its run mode, whichever comes first.
  const start = (): void => {
    if (!data || !build) return;
    // Indexing every episode again takes seconds on a large archive: serve has it done by a
    // BackgroundIndexer once the browser has reloaded, instead of holding the reload up.
    const index = build.runMode === "build" ? new StreamedIndex(build.directories.output) : undefined;
    index?.expect(data.render.episodePages.map((episode) => episode.slug));
    const pageData = data;
    const output = build.directories.output;
    const pages = writes.add((signal) =>
      writeEpisodePages(options.templates.markup, pageData.render.episodePages, { castpress: pageData, output, signal, written: (file, html) => index?.add(file, html) }),
    );
    // Its error is the build's, raised at eleventy.after; until then it must not count as unhandled.
    pages.catch(() => undefined);
    writing = { pages, index };
    data = build = undefined;
  };
  eleventyConfig.on(BUILD_DATA_EVENT, (built: CastpressData) => {
    data = built;
    start();
  });
  eleventyConfig.on("eleventy.before", (event: BuildEvent) => {
    build = event;
    start();
  });

  eleventyConfig.on("eleventy.after", async ({ directories }: BuildEvent) => {
    const current = writing;
    writing = undefined;
    if (!current) return;
    try {
      await current.pages;
      await current.index?.write(path.join(directories.output, "pagefind"), cacheDir(options.root, "pagefind"));
    } finally {
      // Pagefind runs as a child process; closing it lets `castpress build` exit.
      if (current.index) await closeSearchIndexing();
    }
  });
}

interface BuildEvent {
  directories: { output: string };
  runMode: string;
}
