import path from "node:path";
import type { BackgroundWrites } from "../files/background-writes.ts";
import { cacheDir } from "../paths/project-files.ts";
import type { CastpressData } from "../project/castpress-data.ts";
import type { TemplateEnvironments } from "../rendering/template-environments.ts";
import { writeEpisodePages } from "../web/episode-pages.ts";
import { closeSearchIndexing, StreamedIndex } from "../web/search-index.ts";
import type { BuildOptions } from "./build-options.ts";
import { BUILD_DATA_EVENT } from "./episodes-data.ts";

export interface EpisodePagesOptions extends BuildOptions {
  /** One for all of castpress's plugins: its writes run one after another, the episode pages first. */
  backgroundWrites: BackgroundWrites;
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
  const writes = options.backgroundWrites;
  let data: CastpressData | undefined;
  let build: BuildEvent | undefined;
  /** This build's pages and then its search index, made as soon as the pages are written. */
  let writing: { indexed: Promise<void>; index: StreamedIndex | undefined } | undefined;

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
    // Pagefind builds the index in its own process, on the second core, while the emails are written.
    const indexed = pages.then(() => index?.write(path.join(output, "pagefind"), cacheDir(options.root, "pagefind")));
    // Its error is the build's, raised at eleventy.after; until then it must not count as unhandled.
    indexed.catch(() => undefined);
    writing = { indexed, index };
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

  eleventyConfig.on("eleventy.after", async () => {
    const current = writing;
    writing = undefined;
    if (!current) return;
    try {
      await current.indexed;
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
