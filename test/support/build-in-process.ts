import path from "node:path";
import { build } from "../../src/cli/commands/build.ts";
import { copyFixture, type CliResult } from "./castpress-cli.ts";
import { runInProcess } from "./command-in-process.ts";

export interface BuildOptions {
  drafts?: boolean;
  /** What counts as the future, for scheduled episodes (CASTPRESS_NOW). */
  now?: string;
  /** The output folder (--out); dist/ in the project by default. */
  out?: string;
}

let previous: Promise<unknown> = Promise.resolve();

/**
 * `castpress build` in this process, for tests of what a build makes (the CLI's own behaviour,
 * its exit codes, signals and concurrent runs, is tested through the CLI). Builds take turns:
 * Pagefind keeps one indexer per process, and `now` is the process's CASTPRESS_NOW while it runs.
 */
export function buildInProcess(project: string, options: BuildOptions = {}): Promise<CliResult> {
  const turn = previous.then(() => buildNow(project, options));
  previous = turn.catch(() => undefined);
  return turn;
}

async function buildNow(project: string, { drafts, now, out }: BuildOptions): Promise<CliResult> {
  const saved = process.env.CASTPRESS_NOW;
  if (now === undefined) delete process.env.CASTPRESS_NOW;
  else process.env.CASTPRESS_NOW = now;
  try {
    return await runInProcess(build, { root: project, ...(drafts && { drafts: true }), ...(out !== undefined && { out }) }, []);
  } finally {
    if (saved === undefined) delete process.env.CASTPRESS_NOW;
    else process.env.CASTPRESS_NOW = saved;
  }
}

/** A fresh copy of a fixture project, built; a failed build throws with what it printed. */
export async function buildFixture(name: string, options: Omit<BuildOptions, "out"> = {}): Promise<{ project: string; dist: string; result: CliResult }> {
  const project = await copyFixture(name);
  const result = await buildInProcess(project, options);
  if (result.code !== 0) throw new Error(`castpress build failed for ${name}:\n${result.stderr}\n${result.stdout}`);
  return { project, dist: path.join(project, "dist"), result };
}
