import { existsSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { createEleventy } from "../build/run-eleventy.ts";
import { primeProject } from "../eleventy/episodes-data.ts";
import { TEMPLATES_DIR } from "../eleventy/nunjucks-environment.ts";
import { describeError } from "../problems/describe-error.ts";
import { formatProblem, hasErrors } from "../problems/problem.ts";
import { isLoaded, loadProject } from "../project.ts";
import { DevServer } from "./dev-server.ts";
import type { Episode } from "../episode/episode.ts";

/** Where `serve` builds: never dist/, since the preview includes drafts. */
export const PREVIEW_OUTPUT = ".cache/castpress/serve";

export interface PreviewOptions {
  root: string;
  port: number;
  host: string;
  log?: (line: string) => void;
}

/**
 * Builds the project with drafts into a preview folder, serves it, and rebuilds on every
 * change to an episode, the config, the people directory or a template.
 */
export async function startPreview(options: PreviewOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const log = options.log ?? console.log;
  const output = path.join(options.root, PREVIEW_OUTPUT);
  const server = new DevServer(output);
  // "watch" lets plugins defer slow work (the search index) until after the page reloads.
  const eleventy = await createEleventy({ root: options.root, drafts: true }, output, { runMode: "watch" });
  let lastEpisodes: Episode[] = [];
  let builds = 0;
  let running: Promise<void> | undefined;
  let queued = false;

  const rebuild = async (): Promise<void> => {
    const started = performance.now();
    try {
      const project = await loadProject(options.root, { drafts: true });
      for (const problem of project.problems.filter((p) => p.severity === "warning")) log(formatProblem(problem));
      if (!isLoaded(project) || hasErrors(project.problems)) {
        const problems = project.problems.filter((p) => p.severity === "error").map(formatProblem);
        problems.forEach((line) => log(line));
        server.update({ problems, episodes: lastEpisodes });
        return;
      }
      primeProject(project);
      if (builds++ > 0) {
        await eleventy.restart();
        await eleventy.init();
      }
      await eleventy.write();
      lastEpisodes = project.episodes;
      server.update({ problems: [], episodes: project.episodes });
      log(`Rebuilt ${project.episodes.length} episodes in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      const problems = describeError(error);
      problems.forEach((line) => log(line));
      server.update({ problems, episodes: lastEpisodes });
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

  await rebuild();
  const url = await server.listen(options.port, options.host);
  let timer: NodeJS.Timeout | undefined;
  const onChange = (): void => {
    clearTimeout(timer);
    timer = setTimeout(schedule, 30);
  };
  const watchers: FSWatcher[] = [
    watch(path.join(options.root, "episodes"), { recursive: true }, onChange),
    watch(TEMPLATES_DIR, { recursive: true }, onChange),
    // A project's own templates/ overrides castpress's (src/eleventy/nunjucks-environment.ts).
    ...(existsSync(path.join(options.root, "templates")) ? [watch(path.join(options.root, "templates"), { recursive: true }, onChange)] : []),
    // Editors save by replacing files, so the config files are watched through their folder.
    watch(options.root, (_event, file) => {
      if (file === "castpress.yaml" || file === "people.yaml") onChange();
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
