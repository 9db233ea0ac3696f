import { formatProblem, hasErrors, InputError } from "../problems/problem.ts";
import { castpressData, type CastpressData } from "./castpress-data.ts";
import { isLoaded, loadProject } from "./load-project.ts";

/**
 * Loads the project, prints its warnings, and stops with every error (an InputError) before
 * anything is written: `castpress build` calls it before it starts Eleventy, and a bare
 * `npx @11ty/eleventy` at every build.
 */
export async function loadCheckedData(options: { root: string; drafts: boolean }): Promise<CastpressData> {
  const project = await loadProject(options.root, { drafts: options.drafts });
  for (const problem of project.problems.filter((p) => p.severity === "warning")) console.warn(formatProblem(problem));
  if (!isLoaded(project) || hasErrors(project.problems)) {
    throw new InputError(project.problems.filter((problem) => problem.severity === "error"));
  }
  return castpressData(project, options.drafts);
}
