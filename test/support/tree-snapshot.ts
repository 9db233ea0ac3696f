import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Every file below a folder with a hash of its bytes: equal snapshots mean byte-for-byte equal trees. */
export async function snapshotTree(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const snapshot: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(entry.parentPath, entry.name);
    snapshot[path.relative(dir, file)] = createHash("sha256").update(await readFile(file)).digest("hex");
  }
  return snapshot;
}
