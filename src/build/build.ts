import path from "node:path";
import { primeProject } from "../eleventy/episodes-data.ts";
import { formatProblem, hasErrors, InputError } from "../problems/problem.ts";
import { isLoaded, loadProject, type Project } from "../project.ts";
import { withAtomicOutput } from "./atomic-output.ts";
import { createEleventy } from "./run-eleventy.ts";
import { buildFingerprint, listOutput, recordBuild, upToDateOutput } from "./unchanged-build.ts";

export interface BuildRequest {
  root: string;
  /** The output folder; `dist` in the project by default. */
  out?: string;
  drafts?: boolean;
  now?: Date;
}

export interface BuildReport {
  project: Project;
  out: string;
  files: { path: string; bytes: number }[];
  milliseconds: number;
  /** Nothing the output depends on changed since the last build there, which was kept as it is. */
  unchanged: boolean;
}

/**
 * Checks every episode, then builds every output into a staging folder that replaces the
 * output folder only once the whole build has succeeded. When nothing the output depends on
 * has changed since the last build into the same folder, that output is kept as it is.
 */
export async function buildSite(request: BuildRequest): Promise<BuildReport> {
  const started = performance.now();
  const options = { root: request.root, drafts: request.drafts ?? false, ...(request.now && { now: request.now }) };
  const project = await loadProject(request.root, options);
  for (const problem of project.problems.filter((p) => p.severity === "warning")) console.warn(formatProblem(problem));
  if (!isLoaded(project) || hasErrors(project.problems)) {
    throw new InputError(project.problems.filter((problem) => problem.severity === "error"));
  }
  const out = path.resolve(request.root, request.out ?? "dist");
  const fingerprint = await buildFingerprint(project, { drafts: options.drafts });
  let files = await upToDateOutput(project.root, out, fingerprint);
  const unchanged = files !== undefined;
  if (!files) {
    files = await withAtomicOutput(out, async (staging) => {
      primeProject(project);
      const eleventy = await createEleventy(project.root === options.root ? options : { ...options, root: project.root }, staging);
      await eleventy.write();
      return listOutput(staging);
    });
    await recordBuild(project.root, out, fingerprint, files);
  }
  return {
    project,
    out,
    unchanged,
    files: files.map((file) => ({ path: file.path, bytes: file.size })),
    milliseconds: performance.now() - started,
  };
}
