import path from "node:path";
import { loadCheckedData } from "../project/load-checked-data.ts";
import { buildTime } from "../project/load-project.ts";
import { withAtomicOutput } from "./atomic-output.ts";
import { createEleventy } from "./run-eleventy.ts";
import { inputFingerprint, listOutput, recordBuild, upToDateBuild, type OutputFile } from "./unchanged-build.ts";

export interface BuildRequest {
  root: string;
  /** The output folder; `dist` in the project by default. */
  out?: string;
  drafts?: boolean;
}

export interface BuildReport {
  /** How many episodes the output holds. */
  episodeCount: number;
  out: string;
  files: { path: string; bytes: number }[];
  milliseconds: number;
  /** Nothing the output depends on changed since the last build there, which was kept as it is. */
  unchanged: boolean;
}

/**
 * Checks every episode, then builds every output into a staging folder that replaces the
 * output folder only once the whole build has succeeded. When none of the inputs changed
 * since the last (necessarily error-free) build into the same folder, that output is kept.
 */
export async function buildSite(request: BuildRequest): Promise<BuildReport> {
  const started = performance.now();
  const options = { root: request.root, drafts: request.drafts ?? false };
  const out = path.resolve(request.root, request.out ?? "dist");
  const fingerprint = await inputFingerprint(request.root, { drafts: options.drafts });
  const previous = await upToDateBuild(request.root, out, fingerprint, buildTime());
  if (previous) return report(previous.episodeCount, out, previous.files, started, true);

  const data = await loadCheckedData(options);
  const files = await withAtomicOutput(out, async (staging) => {
    const eleventy = await createEleventy({ ...options, root: data.root, data: () => data }, staging);
    await eleventy.write();
    return listOutput(staging);
  });
  await recordBuild(out, fingerprint, data, files);
  return report(data.episodes.length, out, files, started, false);
}

function report(episodeCount: number, out: string, files: OutputFile[], started: number, unchanged: boolean): BuildReport {
  const bytes = files.map((file) => ({ path: file.path, bytes: file.size }));
  return { episodeCount, out, files: bytes, milliseconds: performance.now() - started, unchanged };
}
