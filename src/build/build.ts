import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { primeProject } from "../eleventy/episodes-data.ts";
import { formatProblem, hasErrors, InputError } from "../problems/problem.ts";
import { isLoaded, loadProject, type Project } from "../project.ts";
import { withAtomicOutput } from "./atomic-output.ts";
import { createEleventy } from "./run-eleventy.ts";

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
}

/**
 * Checks every episode, then builds every output into a staging folder that replaces the
 * output folder only once the whole build has succeeded.
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
  await withAtomicOutput(out, async (staging) => {
    primeProject(project);
    const eleventy = await createEleventy(project.root === options.root ? options : { ...options, root: project.root }, staging);
    await eleventy.write();
  });
  return { project, out, files: await listFiles(out), milliseconds: performance.now() - started };
}

async function listFiles(dir: string): Promise<{ path: string; bytes: number }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return { path: path.relative(dir, file).split(path.sep).join("/"), bytes: (await stat(file)).size };
      }),
  );
}
