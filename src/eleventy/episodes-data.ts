import { copyFile, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Media } from "../episode/episode.ts";
import type { CastpressData } from "../project/castpress-data.ts";
import { loadCheckedData } from "../project/load-checked-data.ts";
import type { BuildOptions } from "./build-options.ts";

/** Announces each build's data to the plugins that write files after the pages (the feeds). */
export const BUILD_DATA_EVENT = "castpress.data";

/**
 * Loads and checks every episode before each build (and each rebuild while serving), and
 * gives templates the result as global data. A build with errors stops here, before any
 * template runs, with every problem listed.
 */
export function episodesData(eleventyConfig: any, options: BuildOptions): void {
  let data: CastpressData | undefined;

  eleventyConfig.addGlobalData("castpress", async () => {
    // castpress build and serve hand over the project they have checked (and reported) already.
    data = options.data ? await options.data() : await loadCheckedData(options);
    eleventyConfig.emit(BUILD_DATA_EVENT, data);
    return data;
  });

  // Media are copied after the build, only what published episodes use.
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    if (!data) return;
    await copyMedia(publishedMedia(data), directories.output);
  });
}

/** The media of the episodes this build renders (all of them, unless serve is catching up with an edit). */
function publishedMedia(data: CastpressData): Media[] {
  const media: (Media | undefined)[] = [data.art, data.logo];
  for (const episode of data.render.episodes) {
    media.push(episode.image, episode.audio);
    if (episode.audio?.transcript.sourcePath) media.push({ ...episode.audio.transcript, alt: "" });
  }
  return media.filter((item): item is Media => Boolean(item?.sourcePath));
}

/** Copies each file unless an identical-looking copy (same size, not older) is there already. */
async function copyMedia(media: Media[], output: string): Promise<void> {
  await Promise.all(
    media.map(async ({ sourcePath, url }) => {
      const target = path.join(output, decodeURIComponent(url));
      const [source, existing] = await Promise.all([stat(sourcePath!), stat(target).catch(() => undefined)]);
      if (existing && existing.size === source.size && existing.mtimeMs >= source.mtimeMs) return;
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(sourcePath!, target);
    }),
  );
}
