import { realpath } from "node:fs/promises";
import path from "node:path";
import { BackgroundWrites } from "../files/background-writes.ts";
import { ContentHashes } from "../files/content-hashes.ts";
import { during } from "../problems/describe-error.ts";
import { loadCheckedData } from "../project/load-checked-data.ts";
import { buildTime } from "../project/load-project.ts";
import { withAtomicOutput } from "./atomic-output.ts";
import { markAsOutput, replaceableOutput } from "./output-folder.ts";
import { createEleventy } from "./run-eleventy.ts";
import { contentHashesFile, inputFingerprint, listOutput, recordBuild, recordedBuildStart, upToDateBuild, type OutputFile } from "./unchanged-build.ts";

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
  /** A build started later put its output in place first; this one's was dropped. */
  superseded: boolean;
}

/**
 * Checks every episode, then builds every output into a staging folder that replaces the
 * output folder only once the whole build has succeeded. When the content of none of the
 * inputs changed since the last (necessarily error-free) build into the same folder, that
 * output is kept. Only a folder castpress made (or an empty one) is ever replaced.
 */
export async function buildSite(request: BuildRequest): Promise<BuildReport> {
  const started = performance.now();
  const buildStarted = Date.now();
  const options = { root: request.root, drafts: request.drafts ?? false };
  const root = await during("opening the project", request.root, () => realpath(request.root));
  const requested = request.out ?? "dist";
  const out = await replaceableOutput(root, requested);
  const shown = path.relative(root, path.resolve(root, requested)) || ".";
  // Reported as asked: a `dist` linked to a web root is still `dist` to the author.
  const reported = path.resolve(request.root, requested);

  const hashes = await ContentHashes.load(contentHashesFile(root));
  const { fingerprint, previous } = await during("reading the project's files", root, async () => {
    const fingerprint = await inputFingerprint(root, { drafts: options.drafts }, hashes);
    return { fingerprint, previous: await upToDateBuild(root, out, fingerprint, buildTime(), hashes) };
  });
  if (previous) {
    await hashes.save();
    return report(previous.episodeCount, reported, previous.files, started, { unchanged: true, superseded: false });
  }

  const data = await during("checking the project", root, () => loadCheckedData(options));
  const { result: files, superseded } = await during(`writing the site into ${shown}/`, out, () =>
    withAtomicOutput(out, {
      keepsCurrent: async () => ((await recordedBuildStart(root, out)) ?? 0) > buildStarted,
      write: async (staging) => {
        const backgroundWrites = new BackgroundWrites();
        const eleventy = await createEleventy({ ...options, root: data.root, data: () => data, backgroundWrites }, staging);
        await eleventy.write().catch(async (error: unknown) => {
          await backgroundWrites.stop();
          throw error;
        });
        await markAsOutput(staging);
        return listOutput(staging);
      },
      swapped: (files) => recordBuild(out, { fingerprint, buildStarted }, data, files, hashes),
    }),
  );
  await hashes.save();
  return report(data.episodes.length, reported, files, started, { unchanged: false, superseded });
}

function report(episodeCount: number, out: string, files: OutputFile[], started: number, how: { unchanged: boolean; superseded: boolean }): BuildReport {
  const bytes = files.map((file) => ({ path: file.path, bytes: file.size }));
  return { episodeCount, out, files: bytes, milliseconds: performance.now() - started, ...how };
}
