import { rm } from "node:fs/promises";
import type { Eleventy } from "@11ty/eleventy";
import path from "node:path";
import { createEleventy } from "../build/run-eleventy.ts";
import { BackgroundWrites } from "../files/background-writes.ts";
import { BackgroundIndexer } from "../web/search-index.ts";
import { describeError } from "../problems/describe-error.ts";
import { outputsGoneSince, renderingChangesSince, type CastpressData } from "../project/castpress-data.ts";
import { loadCheckedData } from "../project/load-checked-data.ts";
import type { LoadCache } from "../project/load-project.ts";
import type { DevServer } from "./dev-server.ts";
import type { ProjectChange } from "./project-watcher.ts";

/**
 * Builds the project, drafts included, into the preview folder, and tells the server what
 * each build did. After a save of episode files only, just the files saved are parsed again
 * and only the pages they change rendered (castpress-data.ts); any other save renders
 * everything. A failed build leaves the folder as the last good build made it.
 */
export class PreviewBuilder {
  private eleventy: Eleventy | undefined;
  /** The data of the last good build: what the preview folder holds. */
  private built: CastpressData | undefined;
  private cache: LoadCache = { files: new Map() };
  /** Set by a save of anything but an episode's Markdown, until a build has caught up with it. */
  private renderAll = true;
  /** Set by the same saves: the next build starts a fresh Eleventy, whose Nunjucks has no template cached. */
  private templatesChanged = false;
  private readonly searchIndex: BackgroundIndexer;
  private readonly backgroundWrites = new BackgroundWrites();
  /** What the build under way renders, handed to the Eleventy plugin when it asks. */
  private rendering: CastpressData | undefined;

  constructor(
    private readonly root: string,
    private readonly output: string,
    private readonly server: DevServer,
    private readonly log: (line: string) => void,
    /** Told, before a build renders, of the media files it publishes, wherever in the project they are. */
    private readonly watchMedia: (files: string[]) => void,
  ) {
    this.searchIndex = new BackgroundIndexer(root);
  }

  /** Makes the next build read the saved file again, even if the save kept its size and times. */
  noteChange(change: ProjectChange): void {
    this.cache.files.delete(change.file);
    if (!change.episodeText) this.renderAll = this.templatesChanged = true;
  }

  /** One build; never rejects: its problems go to the terminal and to every open page. */
  async build(): Promise<void> {
    const started = performance.now();
    const first = !this.built;
    const everything = this.renderAll || !this.built;
    this.renderAll = false;
    if (everything) this.cache = { files: new Map() };
    try {
      const data = await loadCheckedData({ root: this.root, drafts: true, cache: this.cache, warn: this.log });
      this.watchMedia(mediaFiles(data));
      const rendering = everything ? data : renderingChangesSince(this.built!, data);
      await this.render(rendering);
      if (this.built) await removeOutputs(this.output, outputsGoneSince(this.built, data));
      this.built = data;
      this.server.update({ built: true, problems: [], episodes: data.episodes, baseUrl: data.site.baseUrl });
      this.searchIndex.request(this.output);
      const episodes = `${data.episodes.length} episode${data.episodes.length === 1 ? "" : "s"}`;
      const what = everything ? episodes : `${rendering.render.episodes.length} of ${episodes}`;
      this.log(`${first ? "Built" : "Rebuilt"} ${what} in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      // What this build did not render still has to be, by the next.
      this.renderAll ||= everything;
      this.fail(describeError(error));
    }
  }

  /** Renders what `data.render` names; Eleventy is readied for the next build right after. */
  private async render(data: CastpressData): Promise<void> {
    if (this.templatesChanged) this.eleventy = undefined;
    this.templatesChanged = false;
    this.eleventy ??= await this.createEleventy();
    try {
      this.rendering = data;
      await this.eleventy.write().catch(async (error: unknown) => {
        // What the failed build still writes beside Eleventy must not land after the next build's.
        await this.backgroundWrites.stop();
        throw error;
      });
    } finally {
      // Ready now, between the author's saves; it lets go of this build's pages.
      await this.resetEleventy();
    }
  }

  private async createEleventy(): Promise<Eleventy> {
    // "watch" leaves the search index to the BackgroundIndexer, run once the page has reloaded.
    const eleventy = await createEleventy({ root: this.root, drafts: true, data: () => this.rendering!, backgroundWrites: this.backgroundWrites }, this.output, { runMode: "watch" });
    await eleventy.init();
    return eleventy;
  }

  /** A failed reset drops this Eleventy: the next build makes a fresh one. */
  private async resetEleventy(): Promise<void> {
    try {
      await this.eleventy?.restart();
      await this.eleventy?.init();
    } catch {
      this.eleventy = undefined;
    }
  }

  private fail(problems: string[]): void {
    problems.forEach((line) => this.log(line));
    this.server.update({ built: this.built !== undefined, problems, episodes: this.built?.episodes ?? [] });
  }
}

/** Deletes output files and folders (paths as in src/paths.ts) a build no longer makes. */
async function removeOutputs(output: string, urls: string[]): Promise<void> {
  await Promise.all(
    urls
      .map((url) => path.join(output, decodeURIComponent(url)))
      .filter((file) => path.relative(output, file) !== "" && !path.relative(output, file).startsWith(".."))
      .map((file) => rm(file, { recursive: true, force: true })),
  );
}

/** The local media files of a project: its art and logo, and each episode's image, audio and transcript. */
function mediaFiles(data: CastpressData): string[] {
  const media = [data.art, data.logo, ...data.episodes.flatMap((episode) => [episode.image, episode.audio, episode.audio?.transcript])];
  return media.flatMap((item) => (item?.sourcePath ? [item.sourcePath] : []));
}
