import { lstat, readdir, realpath, writeFile } from "node:fs/promises";
import path from "node:path";
import { EPISODES_DIR } from "../paths/project-files.ts";
import { AuthorError } from "../problems/describe-error.ts";

/**
 * The file castpress writes into every output folder it makes. A build replaces its output
 * folder as a whole, so it replaces only a folder that holds this file (or an empty one):
 * never a folder of the author's. Its content is always the same, so two builds of the same
 * inputs are the same bytes.
 */
export const OUTPUT_MARKER = ".castpress-output";

/** Folders of the project that castpress reads: an output may never go in them. */
const READ_FOLDERS = [EPISODES_DIR, "templates"];

/**
 * The folder a build may replace for `--out` (relative to the project), with a link followed
 * to where it points, so a `dist` linked to a web root updates the web root and stays a link.
 * Refuses, in one line, the project itself, a folder above it, a folder castpress reads, a
 * file, and a folder that holds files castpress did not make.
 */
export async function replaceableOutput(root: string, requested: string): Promise<string> {
  const asked = path.resolve(root, requested);
  const shown = requested === "" ? "." : requested;
  const info = await lstat(asked).catch(() => undefined);
  if (info?.isSymbolicLink() && !(await realpath(asked).catch(() => undefined))) {
    throw new AuthorError(shown, "is a link to a folder that does not exist", "make the folder it points to, or give --out another folder");
  }
  const folder = await realLocation(asked);
  const realRoot = await realpath(root);
  const relative = path.relative(realRoot, folder);
  if (relative === "") throw new AuthorError(shown, "is the project folder itself", "build into a folder of its own, such as dist (the default)");
  if (!path.relative(folder, realRoot).startsWith("..")) {
    throw new AuthorError(shown, "holds the project folder", "build into a folder of its own, such as dist (the default)");
  }
  const readFolder = READ_FOLDERS.find((name) => relative === name || relative.startsWith(`${name}${path.sep}`));
  if (readFolder) {
    const what = relative === readFolder ? `is the ${readFolder}/ folder` : `is inside ${readFolder}/`;
    throw new AuthorError(shown, `${what}, which castpress reads`, "build into a folder of its own, such as dist (the default)");
  }
  const target = await lstat(folder).catch(() => undefined);
  if (!target) return folder;
  if (!target.isDirectory()) throw new AuthorError(shown, "is a file, not a folder", "give --out a new or empty folder, or one castpress built before");
  const entries = await readdir(folder);
  if (entries.length === 0 || entries.includes(OUTPUT_MARKER)) return folder;
  const some = entries.slice(0, 3).join(", ") + (entries.length > 3 ? ", …" : "");
  throw new AuthorError(
    shown,
    `holds files castpress did not make (${some}), and a build replaces its output folder as a whole`,
    "give --out a new or empty folder, or move those files away",
  );
}

/** Marks a finished build's folder as castpress's. */
export async function markAsOutput(folder: string): Promise<void> {
  await writeFile(path.join(folder, OUTPUT_MARKER), `${JSON.stringify({ madeBy: "castpress" })}\n`);
}

/** Where a path leads once every link on the way is followed, for a folder that may not exist yet. */
async function realLocation(file: string): Promise<string> {
  const real = await realpath(file).catch(() => undefined);
  if (real) return real;
  const parent = path.dirname(file);
  return parent === file ? file : path.join(await realLocation(parent), path.basename(file));
}
