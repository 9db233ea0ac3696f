import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { SOURCE_DIR, TEMPLATES_DIR } from "../paths/package-files.ts";
import { cacheDir, CONFIG_FILES, EPISODES_DIR } from "../paths/project-files.ts";
import type { Project } from "../project/load-project.ts";

export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** What the last build into an output folder was made from, and what it wrote. */
export interface BuildRecord {
  fingerprint: string;
  /** When the earliest scheduled episode falls due: the output is stale from then on. */
  validUntil: number | null;
  episodeCount: number;
  /** Media files the build published from outside episodes/ (such as the config's art). */
  media: OutputFile[];
  files: OutputFile[];
}

/**
 * What a build's output depends on, as one hash taken before anything is parsed: castpress's
 * own code and templates, the project's templates, config and people directory, every file
 * under episodes/ (by size and time), and the build's options.
 */
export async function inputFingerprint(root: string, options: { drafts: boolean }): Promise<string> {
  const hash = createHash("sha256").update(JSON.stringify(options));
  for (const dir of [SOURCE_DIR, TEMPLATES_DIR, path.join(root, "templates")]) {
    for (const file of await filesBelow(dir)) hash.update(file).update(await readFile(file));
  }
  for (const file of CONFIG_FILES) {
    hash.update(file).update(await readFile(path.join(root, file)).catch(() => Buffer.alloc(0)));
  }
  for (const file of await filesBelow(path.join(root, EPISODES_DIR))) {
    const info = await stat(file);
    hash.update(`${file}\0${info.size}\0${info.mtimeMs}\0`);
  }
  return hash.digest("hex");
}

/**
 * The record of the last build into `out`, when that output is still there untouched, was
 * built from these inputs, and no scheduled episode has fallen due since.
 */
export async function upToDateBuild(root: string, out: string, fingerprint: string, now: Date): Promise<BuildRecord | undefined> {
  const record = await readFile(recordFile(root, out), "utf8").then((text) => JSON.parse(text) as BuildRecord, () => undefined);
  if (record?.fingerprint !== fingerprint) return undefined;
  if (record.validUntil !== null && now.getTime() >= record.validUntil) return undefined;
  if ((await filesBelow(out)).length !== record.files.length) return undefined;
  const unchanged = async (base: string, file: OutputFile): Promise<boolean> => {
    const info = await stat(path.resolve(base, file.path)).catch(() => undefined);
    return info?.size === file.size && info.mtimeMs === file.mtimeMs;
  };
  for (const file of record.files) if (!(await unchanged(out, file))) return undefined;
  for (const file of record.media) if (!(await unchanged(root, file))) return undefined;
  return record;
}

/** Remembers (outside the output, in .cache/) what a build wrote and from what. */
export async function recordBuild(out: string, fingerprint: string, project: Project, files: OutputFile[]): Promise<void> {
  // Scheduled means dated after the build's own now (which tests and previews may pin).
  const dueDates = project.allEpisodes.filter((episode) => episode.scheduled && !episode.draft).map((episode) => episode.date.getTime());
  const outside = [project.art?.sourcePath, project.logo?.sourcePath].filter((file): file is string => Boolean(file));
  const media = await Promise.all(
    outside.map(async (file) => {
      const info = await stat(file);
      return { path: file, size: info.size, mtimeMs: info.mtimeMs };
    }),
  );
  const record: BuildRecord = {
    fingerprint,
    validUntil: dueDates.length > 0 ? Math.min(...dueDates) : null,
    episodeCount: project.episodes.length,
    media,
    files,
  };
  const target = recordFile(project.root, out);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, JSON.stringify(record));
}

/** Every file of an output folder, read before it is moved into place (a rename keeps sizes and times). */
export async function listOutput(dir: string): Promise<OutputFile[]> {
  return Promise.all(
    (await filesBelow(dir)).map(async (file) => {
      const info = await stat(file);
      return { path: path.relative(dir, file).split(path.sep).join("/"), size: info.size, mtimeMs: info.mtimeMs };
    }),
  );
}

function recordFile(root: string, out: string): string {
  const key = createHash("sha256").update(path.resolve(out)).digest("hex").slice(0, 16);
  return path.join(cacheDir(root, "builds"), `${key}.json`);
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
