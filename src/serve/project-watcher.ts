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
  const watcher = watch([episodes, ...CONFIG_FILES.map((file) => path.join(root, file)), path.join(root, "templates"), TEMPLATES_DIR], {
    ignoreInitial: true,
    ignored: isEditorScratch,
  });
  const isEpisodeText = (file: string) => file.startsWith(episodes + path.sep) && file.endsWith(".md");
  watcher.on("all", (event, file) => onChange({ file, episodeText: isEpisodeText(file) && ["add", "change", "unlink"].includes(event) }));
  // chokidar drops a change that leaves the modification time as it was when the access time is
  // later (`cp -p`, `rsync -t` of a file read since): the file's own fs.watch event still says so.
  watcher.on("raw", (event, name, details) => {
    const { watchedPath } = details as { watchedPath: string };
    if (event === "change" && path.basename(watchedPath) === name) onChange({ file: watchedPath, episodeText: isEpisodeText(watchedPath) });
  });
  watcher.on("error", (error) => onError(error as Error));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  return watcher;
}

/**
 * Files editors write beside the one being edited, which no build reads: swap and lock files
 * (`.x.md.swp`, `.#x.md`), backups (`x.md~`), emacs's auto-saves (`#x.md#`) and the file vim
 * writes to test a folder (`4913`). Each save of them would otherwise render everything again.
 */
function isEditorScratch(file: string): boolean {
  const name = path.basename(file);
  return name.startsWith(".") || name.startsWith("#") || name.endsWith("~") || name === "4913";
}
