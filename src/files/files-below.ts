import { readdir } from "node:fs/promises";
import path from "node:path";

/** Every file (or link to one) under `dir`, at any depth, as sorted paths; none when there is no such folder. */
export async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}
