import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The baseline: Eleventy as it comes (the same @11ty/eleventy castpress uses, no config file,
 * markdown-it and Liquid preprocessing as Eleventy sets them by default) rendering the same
 * episode files through one plain Nunjucks layout. What castpress adds on top (the episode
 * model, the blocks, tag and people pages, feeds, emails, search, media) is what the ratios
 * put a price on.
 */
export async function writeBareEleventyInput(dir: string, episodeFiles: string[]): Promise<void> {
  await mkdir(path.join(dir, "episodes"), { recursive: true });
  await mkdir(path.join(dir, "_includes"), { recursive: true });
  await Promise.all([
    ...episodeFiles.map((file) => copyFile(file, path.join(dir, "episodes", path.basename(file)))),
    // A directory data file gives every episode the layout: https://www.11ty.dev/docs/data-template-dir/
    writeFile(path.join(dir, "episodes/episodes.json"), JSON.stringify({ layout: "episode.njk" })),
    writeFile(path.join(dir, "_includes/episode.njk"), PLAIN_LAYOUT),
  ]);
}

/** The Eleventy command line, from the same node_modules castpress runs on. */
export function bareEleventyArgs(repoRoot: string, input: string, output: string): string[] {
  return [path.join(repoRoot, "node_modules/@11ty/eleventy/cmd.cjs"), `--input=${input}`, `--output=${output}`, "--quiet"];
}

const PLAIN_LAYOUT = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<main>
<h1>{{ title }}</h1>
<p>{{ subtitle }}</p>
{{ content | safe }}
</main>
</body>
</html>
`;
