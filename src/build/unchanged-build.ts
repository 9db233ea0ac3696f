import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import path from "node:path";
import { readCacheEntry, writeCacheEntry } from "../files/cache-entry.ts";
import { statSignature, type ContentHashes } from "../files/content-hashes.ts";
import { fewAtOnce } from "../files/few-at-once.ts";
import { filesBelow } from "../files/files-below.ts";
import { SOURCE_DIR, TEMPLATES_DIR } from "../paths/package-files.ts";
import { cacheDir, CONFIG_FILES, EPISODES_DIR } from "../paths/project-files.ts";
import type { Project } from "../project/load-project.ts";

export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  size: number;
  /** Size, times and inode: any write to the file, even one that restores its mtime, changes it. */
  signature: string;
}

/** What the last build into an output folder was made from, and what it wrote. */
export interface BuildRecord {
  fingerprint: string;
  /** When the build started (Date.now()): an older build finishing later must not replace its output. */
  buildStarted: number;
  /** When the earliest scheduled episode falls due: the output is stale from then on. */
  validUntil: number | null;
  episodeCount: number;
  /** Media files the build published from outside episodes/ (such as the config's art), with their content hashes. */
  media: { path: string; sha256: string }[];
  files: OutputFile[];
}

/** Files hashed at once. */
const FILES_AT_ONCE = 16;

/**
 * What a build's output depends on, as one hash taken before anything is parsed: the content
 * of castpress's own code and templates, the project's templates, config and people
 * directory, every file under episodes/, and the build's options.
 */
export async function inputFingerprint(root: string, options: { drafts: boolean }, hashes: ContentHashes): Promise<string> {
  const folders = [SOURCE_DIR, TEMPLATES_DIR, path.join(root, "templates"), path.join(root, EPISODES_DIR)];
  const files = [...(await Promise.all(folders.map(filesBelow))).flat(), ...CONFIG_FILES.map((file) => path.join(root, file))];
  // A few files open at a time: all of them at once ran out of file descriptors (macOS allows 256).
  const contents = await fewAtOnce(files, FILES_AT_ONCE, (file) => hashes.of(file));
  const hash = createHash("sha256").update(JSON.stringify(options));
  files.forEach((file, index) => hash.update(`${file}\0${contents[index] ?? "none"}\0`));
  return hash.digest("hex");
}

/**
 * The record of the last build into `out`, when that output is still there untouched, was
 * built from these inputs, and no scheduled episode has fallen due since.
 */
export async function upToDateBuild(root: string, out: string, fingerprint: string, now: Date, hashes: ContentHashes): Promise<BuildRecord | undefined> {
  const record = await readCacheEntry<BuildRecord>(recordFile(root, out), out);
  if (record?.fingerprint !== fingerprint || !Array.isArray(record.files) || !Array.isArray(record.media)) return undefined;
  if (record.validUntil !== null && now.getTime() >= record.validUntil) return undefined;
  if ((await filesBelow(out)).length !== record.files.length) return undefined;
  const outputs = await Promise.all(record.files.map((file) => signatureOf(path.resolve(out, file.path))));
  if (outputs.some((signature, index) => signature !== record.files[index]!.signature)) return undefined;
  const media = await Promise.all(record.media.map((file) => hashes.of(file.path)));
  if (media.some((sha256, index) => sha256 !== record.media[index]!.sha256)) return undefined;
  return record;
}

/** Remembers (outside the output, in .cache/) what a build wrote and from what. */
export async function recordBuild(out: string, build: { fingerprint: string; buildStarted: number }, project: Project, files: OutputFile[], hashes: ContentHashes): Promise<void> {
  // Scheduled means dated after the build's own now (which tests and previews may pin).
  const dueDates = project.allEpisodes.filter((episode) => episode.scheduled && !episode.draft).map((episode) => episode.date.getTime());
  const outside = [project.art?.sourcePath, project.logo?.sourcePath].filter((file): file is string => Boolean(file));
  const media = await Promise.all(outside.map(async (file) => ({ path: file, sha256: (await hashes.of(file)) ?? "none" })));
  const record: BuildRecord = {
    ...build,
    validUntil: dueDates.length > 0 ? Math.min(...dueDates) : null,
    episodeCount: project.episodes.length,
    media,
    files,
  };
  await writeCacheEntry(recordFile(project.root, out), out, record);
}

/** When the build whose output is in `out` now started, as far as its record says. */
export async function recordedBuildStart(root: string, out: string): Promise<number | undefined> {
  const record = await readCacheEntry<BuildRecord>(recordFile(root, out), out);
  return typeof record?.buildStarted === "number" ? record.buildStarted : undefined;
}

/** Every file of an output folder, read before it is moved into place (a rename of the folder keeps them as they are). */
export async function listOutput(dir: string): Promise<OutputFile[]> {
  return Promise.all(
    (await filesBelow(dir)).map(async (file) => {
      const info = await stat(file, { bigint: true });
      return { path: path.relative(dir, file).split(path.sep).join("/"), size: Number(info.size), signature: statSignature(info) };
    }),
  );
}

/** Where the content hashes of a project's inputs are kept between builds. */
export const contentHashesFile = (root: string): string => path.join(cacheDir(root, "hashes"), "content.json");

function recordFile(root: string, out: string): string {
  const key = createHash("sha256").update(path.resolve(out)).digest("hex").slice(0, 16);
  return path.join(cacheDir(root, "builds"), `${key}.json`);
}

const signatureOf = (file: string): Promise<string | undefined> =>
  stat(file, { bigint: true }).then(statSignature, () => undefined);
