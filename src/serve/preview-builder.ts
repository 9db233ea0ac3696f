import { existsSync, watch, type FSWatcher } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { createEleventy } from "../build/run-eleventy.ts";
import { castpressData, outputsGoneSince, renderingChangesSince, type CastpressData } from "../project/castpress-data.ts";
import { BackgroundIndexer } from "../eleventy/search-index.ts";
import { TEMPLATES_DIR } from "../paths/package-files.ts";
import { cacheDir, CONFIG_FILES, EPISODES_DIR } from "../paths/project-files.ts";
import { describeError } from "../problems/describe-error.ts";
import { formatProblem, hasErrors } from "../problems/problem.ts";
import { isLoaded, loadProject, type LoadCache } from "../project/load-project.ts";
import { DevServer } from "./dev-server.ts";

export interface PreviewOptions {
  root: string;
  port: number;
  host: string;
  log?: (line: string) => void;
}

/**
 * Builds the project with drafts into a preview folder, serves it, and rebuilds on every
 * change to an episode, the config, the people directory or a template. After an edit of
 * episode files only, just the files they change are parsed and the pages that show them
 * rendered (castpress-data.ts); any other change renders everything again.
 */
export async function startPreview(options: PreviewOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const log = options.log ?? console.log;
  // Never dist/, since the preview includes drafts.
  const output = cacheDir(options.root, "serve");
  const server = new DevServer(output);
  // "watch" leaves the search index to the indexer below, run once the page has reloaded.
  /** What the next build renders: set just before each build. */
  let rendering: CastpressData | undefined;
  const eleventy = await createEleventy({ root: options.root, drafts: true, data: () => rendering! }, output, { runMode: "watch" });
  const searchIndex = new BackgroundIndexer(options.root);
  let running: Promise<void> | undefined;
  let queued = false;
  /** The data of the last good build: what the preview folder holds. */
  let built: CastpressData | undefined;
  let cache: LoadCache = { files: new Map() };
  /** Set by a change to anything but an episode's Markdown, until a build has caught up with it. */
  let renderAll = true;

  const rebuild = async (): Promise<void> => {
    const started = performance.now();
    const everything = renderAll || !built;
    renderAll = false;
    if (everything) cache = { files: new Map() };
    try {
      const project = await loadProject(options.root, { drafts: true, cache });
      for (const problem of project.problems.filter((p) => p.severity === "warning")) log(formatProblem(problem));
      if (!isLoaded(project) || hasErrors(project.problems)) {
        renderAll ||= everything;
        const problems = project.problems.filter((p) => p.severity === "error").map(formatProblem);
        problems.forEach((line) => log(line));
        server.update({ problems, episodes: built?.episodes ?? [] });
        return;
      }
      const data = castpressData(project, true);
      rendering = everything ? data : renderingChangesSince(built!, data);
      await eleventy.write();
      if (built) await removeOutputs(output, outputsGoneSince(built, data));
      built = data;
      server.update({ problems: [], episodes: project.episodes });
      searchIndex.request(output);
      const what = everything ? `${project.episodes.length} episodes` : `${rendering.render.episodes.length} of ${project.episodes.length} episodes`;
      log(`Rebuilt ${what} in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      renderAll ||= everything;
      const problems = describeError(error);
      problems.forEach((line) => log(line));
      server.update({ problems, episodes: built?.episodes ?? [] });
    } finally {
      // Ready Eleventy for the next build now, between the author's saves; it lets go of this build's pages.
      await eleventy.restart();
      await eleventy.init();
    }
  };

  /** One build at a time; changes during a build ask for one more afterwards. */
  const schedule = (): void => {
    if (running) {
      queued = true;
      return;
    }
    running = rebuild().finally(() => {
      running = undefined;
      if (queued) {
        queued = false;
        schedule();
      }
    });
  };

  // The first build renders everything; what an earlier session left (pages of episodes deleted since) goes first.
  await rm(output, { recursive: true, force: true });
  await rebuild();
  const url = await server.listen(options.port, options.host);
  let timer: NodeJS.Timeout | undefined;
  const onChange = (): void => {
    clearTimeout(timer);
    timer = setTimeout(schedule, 30);
  };
  /** Episode files are parsed again as they change; anything else (a config, a template, a media file) renders everything. */
  const onOtherChange = (): void => {
    renderAll = true;
    onChange();
  };
  const watchers: FSWatcher[] = [
    watch(path.join(options.root, EPISODES_DIR), { recursive: true }, (_event, file) => (file?.endsWith(".md") ? onChange() : onOtherChange())),
    watch(TEMPLATES_DIR, { recursive: true }, onOtherChange),
    // A project's own templates/ overrides castpress's (src/rendering/template-environments.ts).
    ...(existsSync(path.join(options.root, "templates")) ? [watch(path.join(options.root, "templates"), { recursive: true }, onOtherChange)] : []),
    // Editors save by replacing files, so the config files are watched through their folder.
    watch(options.root, (_event, file) => {
      if (file && CONFIG_FILES.includes(file)) onOtherChange();
    }),
  ];
  return {
    url,
    close: async () => {
      watchers.forEach((watcher) => watcher.close());
      clearTimeout(timer);
      await running;
      await server.close();
    },
  };
}

/** Deletes output files and folders (paths as in src/paths/output-paths.ts) a build no longer makes. */
async function removeOutputs(output: string, urls: string[]): Promise<void> {
  await Promise.all(
    urls
      .map((url) => path.join(output, decodeURIComponent(url)))
      .filter((file) => path.relative(output, file) !== "" && !path.relative(output, file).startsWith(".."))
      .map((file) => rm(file, { recursive: true, force: true })),
  );
}
