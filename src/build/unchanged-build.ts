import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Project } from "../project.ts";

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

interface BuildRecord {
  fingerprint: string;
  files: OutputFile[];
}

/**
 * What a build's output depends on, as one hash: castpress's own code and templates, the
 * project's templates, the parsed project (config, people, every published episode), the
 * media files it publishes, and the build's options. Equal fingerprints build equal outputs.
 */
export async function buildFingerprint(project: Project, options: { drafts: boolean }): Promise<string> {
  const hash = createHash("sha256");
  for (const dir of [path.join(PACKAGE_ROOT, "src"), path.join(PACKAGE_ROOT, "templates"), path.join(project.root, "templates")]) {
    for (const file of await filesBelow(dir)) hash.update(file).update(await readFile(file));
  }
  hash.update(JSON.stringify({ options, site: project.site, episodes: project.episodes, art: project.art, logo: project.logo }));
  const media = project.episodes.flatMap((episode) => [episode.audio?.sourcePath, episode.audio?.transcript.sourcePath, episode.image?.sourcePath]);
  for (const file of [...media, project.art?.sourcePath, project.logo?.sourcePath]) {
    if (!file) continue;
    const info = await stat(file);
    hash.update(`${file}\0${info.size}\0${info.mtimeMs}`);
  }
  return hash.digest("hex");
}

export interface OutputFile {
  /** Relative to the output folder, with forward slashes. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** The files of the last build into `out`, when they are still there untouched and were built from this fingerprint. */
export async function upToDateOutput(root: string, out: string, fingerprint: string): Promise<OutputFile[] | undefined> {
  const record = await readFile(recordFile(root, out), "utf8").then((text) => JSON.parse(text) as BuildRecord, () => undefined);
  if (record?.fingerprint !== fingerprint) return undefined;
  const present = await filesBelow(out);
  if (present.length !== record.files.length) return undefined;
  for (const file of record.files) {
    const info = await stat(path.join(out, file.path)).catch(() => undefined);
    if (!info || info.size !== file.size || info.mtimeMs !== file.mtimeMs) return undefined;
  }
  return record.files;
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

/** Remembers (outside the output, in .cache/) what a build wrote and from what. */
export async function recordBuild(root: string, out: string, fingerprint: string, files: OutputFile[]): Promise<void> {
  const target = recordFile(root, out);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, JSON.stringify({ fingerprint, files } satisfies BuildRecord));
}

function recordFile(root: string, out: string): string {
  const key = createHash("sha256").update(path.resolve(out)).digest("hex").slice(0, 16);
  return path.join(root, ".cache/castpress/builds", `${key}.json`);
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
