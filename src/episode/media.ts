import { createHash } from "node:crypto";
import { mkdir, readFile, realpath, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { imageSizeFromFile } from "image-size/fromFile";
import { parseFile } from "music-metadata";
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

/** An image (episode art, the podcast's art, the email's logo) whose local file must be an image. */
export async function resolveImage(reference: LocatedReference, fromDir: string, root: string, problems: ProblemList): Promise<Media | undefined> {
  const media = await resolveMedia(reference, fromDir, root, problems, "image");
  if (!media?.sourcePath) return media;
  // A renamed text file, an empty file or a half-copied download would be a broken image in every output.
  const readable = await imageSizeFromFile(media.sourcePath).then(() => true, () => false);
  if (readable) return media;
  problems.error(reference.line, `the image "${reference.ref}" is not an image: its bytes are no image format castpress knows`, "export the picture again as JPEG, PNG, WebP or GIF, and check the path names that file");
  return undefined;
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
    const facts = await localAudioFacts(media.sourcePath, root);
    if (facts.size === 0 || !facts.audio) {
      const what = facts.size === 0 ? "is empty" : "is not audio: its bytes are no audio format castpress knows";
      problems.error(line, `the audio file "${audio.src}" ${what}`, "export the audio again (MP3 or M4A), and check that src names that file");
      return undefined;
    }
    length ??= facts.size;
    duration ??= facts.duration;
    if (duration === undefined) problems.error(line, `cannot tell how long the audio file "${audio.src}" is`, 'add duration: "MM:SS" under audio:');
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

interface AudioFacts {
  /** Bytes. */
  size: number;
  /** Whether the bytes are a known audio format with an audio stream (a renamed text file is not). */
  audio: boolean;
  /** Seconds, when the file says. */
  duration?: number;
}

/**
 * What the file holds, read once per version of it: reading an MP3's duration means scanning
 * it, so the result is kept in the cache's audio/ folder under the file's path, size and
 * modification time.
 */
async function localAudioFacts(file: string, root: string): Promise<AudioFacts> {
  const { size, mtimeMs } = await stat(file);
  if (size === 0) return { size, audio: false };
  // "facts-1": entries of the older cache held only a duration, without saying the file is audio.
  const key = createHash("sha256").update(`facts-1\0${file}\0${size}\0${mtimeMs}`).digest("hex");
  const cached = path.join(cacheDir(root, "audio"), `${key}.json`);
  const known = await readFile(cached, "utf8").then((text) => JSON.parse(text) as AudioFacts, () => undefined);
  if (known && typeof known.audio === "boolean" && known.size === size) return known;
  const facts = await readAudioFacts(file, size);
  // A cache that cannot be written (a read-only checkout) only costs the next build time.
  await mkdir(path.dirname(cached), { recursive: true })
    .then(() => writeFile(cached, JSON.stringify(facts)))
    .catch(() => undefined);
  return facts;
}

async function readAudioFacts(file: string, size: number): Promise<AudioFacts> {
  try {
    const { format } = await parseFile(file, { duration: true });
    // music-metadata guesses a format from the extension and reports "hasAudio" even for text;
    // only a file it found a container and a codec or sample rate in is audio.
    const audio = format.container !== undefined && (format.codec !== undefined || (format.sampleRate ?? 0) > 0);
    return { size, audio, ...(audio && format.duration !== undefined && { duration: format.duration }) };
  } catch {
    return { size, audio: false };
  }
}

/** Seconds from `1112`, `"18:32"` or `"1:02:03"`. */
export function parseDuration(value: number | string): number {
  if (typeof value === "number") return value;
  return value.split(":").reduce((total, part) => total * 60 + Number(part), 0);
}
