import { formatProblem, hasErrors, InputError } from "../problems/problem.ts";
import { castpressData, type CastpressData } from "./castpress-data.ts";
import { isLoaded, loadProject, type LoadCache } from "./load-project.ts";

/**
 * Loads the project, prints its warnings, and stops with every error (an InputError) before
 * anything is written: `castpress build` calls it before it starts Eleventy, and a bare
 * `npx @11ty/eleventy` at every build; `castpress serve` at every save, with its cache of parsed files.
 */
export async function loadCheckedData(options: { root: string; drafts: boolean; cache?: LoadCache; warn?: (line: string) => void }): Promise<CastpressData> {
  const project = await loadProject(options.root, { drafts: options.drafts, ...(options.cache && { cache: options.cache }) });
  const warn = options.warn ?? console.warn;
  for (const problem of project.problems.filter((p) => p.severity === "warning")) warn(formatProblem(problem));
  if (!isLoaded(project) || hasErrors(project.problems)) {
    throw new InputError(project.problems.filter((problem) => problem.severity === "error"));
  }
  return castpressData(project, options.drafts);
}
