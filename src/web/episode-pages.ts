import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type nunjucks from "nunjucks";
import type { Episode } from "../episode/episode.ts";
import { fewAtOnce } from "../files/few-at-once.ts";
import { outputFile } from "../paths/output-files.ts";
import { episodePage } from "../paths/output-paths.ts";
import type { CastpressData } from "../project/castpress-data.ts";
import { renderTemplate } from "../rendering/template-environments.ts";

export interface PagesWrite {
  /** What the templates see as `castpress`: the whole build's data, for the links to newer and older episodes. */
  castpress: CastpressData;
  /** The output folder, where the site's paths are. */
  output: string;
  signal?: AbortSignal;
  /** Told of each page once it is written, in the order of `episodes` as far as the writes allow. */
  written?: (file: string, html: string) => void;
}

/** Pages rendered and written at once: enough to keep the disk busy, few enough that only a handful are ever held. */
const AT_ONCE = 4;

/**
 * Renders the page of each episode (templates/layouts/episode.njk) and writes it into `output`
 * at its path (src/paths), each let go as soon as it is written: nothing rendered is kept,
 * whatever the size of the archive. Stops at the first error and rejects with it; once
 * `signal` is aborted (the build failed), starts no new page.
 */
export async function writeEpisodePages(environment: nunjucks.Environment, episodes: readonly Episode[], { castpress, output, signal, written }: PagesWrite): Promise<void> {
  await fewAtOnce(
    episodes,
    AT_ONCE,
    async (episode) => {
      const html = renderTemplate(environment, "layouts/episode.njk", { episode, castpress });
      const file = outputFile(output, episodePage(episode.slug));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, html);
      written?.(file, html);
    },
    () => signal?.aborted ?? false,
  );
}
