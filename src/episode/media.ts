import { createHash } from "node:crypto";
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { parseFile } from "music-metadata";
import { readCacheEntry, writeCacheEntry } from "../files/cache-entry.ts";
import { statSignature } from "../files/content-hashes.ts";
import type { ProblemList } from "../problems/problem.ts";
import { mediaFile } from "../paths/output-paths.ts";
import { cacheDir } from "../paths/project-files.ts";
import type { Audio, Media, Transcript } from "./episode.ts";
import type { FrontMatter } from "./front-matter.ts";

const AUDIO_TYPES: Record<string, string> = {
  ".mp3": "audio/mpeg",
  ".m4a": "audio/x-m4a",
  ".mp4": "video/mp4",
  ".aac": "audio/aac",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".opus": "audio/opus",
  ".wav": "audio/wav",
  ".flac": "audio/flac",
};

export interface LocatedReference {
  /** As written. */
  ref: string;
  line: number;
}

/**
 * Resolves a path or URL from an episode (relative to the episode's folder) or the config
 * (relative to the project). A path that leads outside the project, through `..`, an absolute
 * path or a symbolic link, is refused: nothing outside the project is ever published.
 */
export async function resolveMedia(
  reference: LocatedReference,
  fromDir: string,
  root: string,
  problems: ProblemList,
  what: string,
): Promise<Media | undefined> {
  const { ref, line } = reference;
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    if (!/^https:\/\/[^\s]+$/.test(ref)) {
      problems.error(line, `the ${what} "${ref}" is not an https URL`, "give a path in the project or an https:// URL");
      return undefined;
    }
    return { url: ref, alt: "" };
  }
  if (path.isAbsolute(ref)) {
    problems.error(line, `the ${what} "${ref}" is an absolute path`, "give the path relative to the episode file, inside the project");
    return undefined;
  }
  const candidate = path.resolve(fromDir, ref);
  if (isOutside(root, candidate)) {
    problems.error(line, `the ${what} "${ref}" leads outside the project`, "copy the file into the project, below episodes/");
    return undefined;
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    problems.error(line, `the ${what} "${ref}" does not exist (looked for ${path.relative(root, candidate)})`, "check the path: it is relative to the file that names it");
    return undefined;
  }
  if (!(await stat(real)).isFile()) {
    problems.error(line, `the ${what} "${ref}" is a folder, not a file`, "give the path of the file itself");
    return undefined;
  }
  const realRoot = await realpath(root);
  if (isOutside(realRoot, real)) {
    problems.error(line, `the ${what} "${ref}" is a link to a file outside the project`, "copy the file into the project, below episodes/, instead of linking to it");
    return undefined;
  }
  const relative = path.relative(realRoot, real);
  return { url: mediaFile(relative.split(path.sep).join("/")), sourcePath: real, alt: "" };
}

/** Whether a path leads out of the project folder. */
export function isOutside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}

/** Audio facts: length and duration are read from a local file; a URL needs them written. */
export async function resolveAudio(
  audio: NonNullable<FrontMatter["audio"]>,
  line: number,
  fromDir: string,
  root: string,
  problems: ProblemList,
  episodePageUrl: string,
): Promise<Audio | undefined> {
  const media = await resolveMedia({ ref: audio.src, line }, fromDir, root, problems, "audio file");
  if (!media) return undefined;
  const extension = path.extname(new URL(media.url, "https://x/").pathname).toLowerCase();
  const type = audio.type ?? AUDIO_TYPES[extension];
  if (!type) {
    problems.error(line, `cannot tell the audio type of "${audio.src}"`, "add type: audio/mpeg (or the file's MIME type) under audio:");
    return undefined;
  }
  let length = audio.length;
  let duration = audio.duration === undefined ? undefined : parseDuration(audio.duration);
  if (media.sourcePath) {
    length ??= (await stat(media.sourcePath)).size;
    if (duration === undefined) {
      try {
        duration = await audioDuration(media.sourcePath, root);
      } catch (error) {
        problems.error(line, `cannot read the audio file "${audio.src}": ${(error as Error).message}`, "check that it is a real audio file, or give duration: under audio:");
        return undefined;
      }
    }
  } else {
    if (length === undefined) problems.error(line, `the audio URL "${audio.src}" has no length`, "add length: (the file's size in bytes) under audio:");
    if (duration === undefined) problems.error(line, `the audio URL "${audio.src}" has no duration`, 'add duration: "MM:SS" under audio:');
  }
  if (length === undefined || duration === undefined) return undefined;
  const transcript = (await siblingTranscript(media, root)) ?? { url: episodePageUrl, type: "text/html" as const };
  return { ...media, type, length, duration: Math.round(duration), transcript };
}

/** A `.vtt` or `.srt` beside the audio, with its name. */
async function siblingTranscript(media: Media, root: string): Promise<Transcript | undefined> {
  if (!media.sourcePath) return undefined;
  const base = media.sourcePath.replace(/\.[^./]+$/, "");
  for (const [extension, type] of [[".vtt", "text/vtt"], [".srt", "application/x-subrip"]] as const) {
    const file = base + extension;
    const found = await stat(file).then((s) => s.isFile(), () => false);
    if (found) {
      return { url: mediaFile(path.relative(root, file).split(path.sep).join("/")), type, sourcePath: file };
    }
  }
  return undefined;
}

/**
 * The audio's duration, read once per version of the file: reading an MP3's duration means
 * scanning it, so the result is kept in .cache/castpress/audio/ under the file's path and
 * signature (size, times, inode and ctime, which every write moves, even one by `cp -p` that
 * restores the size and mtime). An entry that fails its check is read again.
 */
async function audioDuration(file: string, root: string): Promise<number | undefined> {
  const key = `${file}\0${statSignature(await stat(file, { bigint: true }))}`;
  const cached = path.join(cacheDir(root, "audio"), `${createHash("sha256").update(key).digest("hex")}.json`);
  const known = await readCacheEntry<{ duration?: number }>(cached, key);
  if (known && (known.duration === undefined || typeof known.duration === "number")) return known.duration;
  const { duration } = (await parseFile(file, { duration: true })).format;
  // A cache that cannot be written (a read-only checkout) only costs the next build time.
  await writeCacheEntry(cached, key, { duration });
  return duration;
}

/** Seconds from `1112`, `"18:32"` or `"1:02:03"`. */
export function parseDuration(value: number | string): number {
  if (typeof value === "number") return value;
  return value.split(":").reduce((total, part) => total * 60 + Number(part), 0);
}
