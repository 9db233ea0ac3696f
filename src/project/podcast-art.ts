import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { imageSizeFromFile } from "image-size/fromFile";
import type { SiteConfig } from "../config/site-config.ts";
import { SITE_CONFIG_FILE } from "../paths/project-files.ts";
import type { Episode, Media } from "../episode/episode.ts";
import { ProblemList, type Problem } from "../problems/problem.ts";

/** Apple's rule for podcast art. https://podcasters.apple.com/support/896-artwork-requirements */
const MIN_SIDE = 1400;
const MAX_SIDE = 3000;
const FORMATS: Record<string, readonly string[]> = { jpg: [".jpg", ".jpeg"], png: [".png"] };

/**
 * Warns when the podcast's art is missing or not what Apple accepts: a square JPEG or PNG of
 * 1400 to 3000 pixels a side, named for its format. Art at a URL cannot be checked offline.
 */
export async function checkPodcastArt(site: SiteConfig, art: Media | undefined, line: number): Promise<Problem[]> {
  if (!site.podcast) return [];
  const problems = new ProblemList(SITE_CONFIG_FILE);
  if (!site.image) {
    problems.warning(line, "the podcast has no art, which Apple Podcasts and Spotify require", `add image: with a square JPEG or PNG of ${MIN_SIDE} to ${MAX_SIDE} pixels a side`);
    return problems.items;
  }
  if (!art?.sourcePath) return problems.items;
  const shown = path.relative(site.root, art.sourcePath);
  let size: { width: number; height: number; type?: string | undefined };
  try {
    size = await imageSizeFromFile(art.sourcePath);
  } catch {
    problems.warning(line, `the podcast art ${shown} is not an image castpress can read`, "use a JPEG or PNG file");
    return problems.items;
  }
  const extensions = FORMATS[size.type ?? ""];
  if (!extensions) {
    problems.warning(line, `the podcast art ${shown} is ${size.type?.toUpperCase() ?? "of an unknown format"}, not JPEG or PNG`, "save it as a JPEG or PNG: podcast apps accept only those");
  } else if (!extensions.includes(path.extname(art.sourcePath).toLowerCase())) {
    problems.warning(line, `the podcast art ${shown} is a ${size.type!.toUpperCase()} file with a ${path.extname(art.sourcePath) || "missing"} extension`, `rename it to end in ${extensions[0]}, as Apple requires`);
  }
  if (size.width !== size.height) {
    problems.warning(line, `the podcast art ${shown} is ${size.width}×${size.height} pixels, not square`, "crop it to a square: podcast apps show it as one");
  }
  const side = Math.min(size.width, size.height);
  const longest = Math.max(size.width, size.height);
  if (side < MIN_SIDE || longest > MAX_SIDE) {
    problems.warning(line, `the podcast art ${shown} is ${size.width}×${size.height} pixels, outside Apple's ${MIN_SIDE} to ${MAX_SIDE}`, `resize it to between ${MIN_SIDE}×${MIN_SIDE} and ${MAX_SIDE}×${MAX_SIDE} pixels`);
  }
  return problems.items;
}


/**
 * The repository's sample art ("Across the Strait"), by its SHA-256. A publication started from
 * a clone of castpress keeps it until told: podcast apps and link previews would show it.
 */
const SAMPLE_ART = { sha256: "ba362a8af405522481bc2081c30bd5c59a981a7067138798da6d1e19551d7a39", title: "Across the Strait" };

/** Warns while the art in castpress.yaml is still the sample's, in any publication but the sample. */
export async function checkArtIsOwn(site: SiteConfig, art: Media | undefined, line: number): Promise<Problem[]> {
  if (!art?.sourcePath || site.title === SAMPLE_ART.title) return [];
  const sha256 = createHash("sha256").update(await readFile(art.sourcePath)).digest("hex");
  if (sha256 !== SAMPLE_ART.sha256) return [];
  const problems = new ProblemList(SITE_CONFIG_FILE);
  problems.warning(
    line,
    `the art ${path.relative(site.root, art.sourcePath)} is castpress's sample art, made for "${SAMPLE_ART.title}"`,
    `replace it with your own square JPEG or PNG of ${MIN_SIDE} to ${MAX_SIDE} pixels a side: podcast apps and link previews show it`,
  );
  return problems.items;
}

/**
 * Warns when episodes have audio but the publication has no art and no podcast section (with
 * one, checkPodcastArt has said so already): feed.xml still takes the audio to podcast apps.
 */
export function checkArtForAudio(site: SiteConfig, episodes: readonly Episode[], line: number): Problem[] {
  const withAudio = episodes.filter((episode) => episode.audio).length;
  if (site.image || site.podcast || withAudio === 0) return [];
  const problems = new ProblemList(SITE_CONFIG_FILE);
  problems.warning(
    line,
    `${withAudio} episode${withAudio === 1 ? " has" : "s have"} audio, but the publication has no art`,
    `add image: with a square JPEG or PNG of ${MIN_SIDE} to ${MAX_SIDE} pixels a side: podcast apps show it beside every episode`,
  );
  return problems.items;
}
