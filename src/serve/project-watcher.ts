import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { TEMPLATES_DIR } from "../paths/package-files.ts";
import { CONFIG_FILES, EPISODES_DIR } from "../paths/project-files.ts";

/** What a save touched: an episode's Markdown (rendered again on its own) or anything else (everything is). */
export interface ProjectChange {
  file: string;
  episodeText: boolean;
}

/**
 * Watches everything a preview is made from: episodes and their media, castpress.yaml,
 * people.yaml, the project's own templates/ (created later too) and castpress's templates.
 * chokidar, as Eleventy's own dev server uses, keeps following a file an editor replaces by
 * renaming a new one over it (vim, emacs, `sed -i`), which Node's recursive fs.watch loses.
 */
export async function watchProject(root: string, onChange: (change: ProjectChange) => void, onError: (error: Error) => void): Promise<FSWatcher> {
  const episodes = path.join(root, EPISODES_DIR);
  const watcher = watch([episodes, ...CONFIG_FILES.map((file) => path.join(root, file)), path.join(root, "templates"), TEMPLATES_DIR], { ignoreInitial: true });
  watcher.on("all", (event, file) => {
    const episodeText = file.startsWith(episodes + path.sep) && file.endsWith(".md") && (event === "add" || event === "change" || event === "unlink");
    onChange({ file, episodeText });
  });
  watcher.on("error", (error) => onError(error as Error));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return watcher;
}
