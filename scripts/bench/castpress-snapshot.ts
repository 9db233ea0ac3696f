import { cp, mkdir, symlink } from "node:fs/promises";
import path from "node:path";

/** What `bin/castpress.js` needs at run time, below the package root. */
const RUNTIME_ENTRIES = ["bin", "src", "templates", "eleventy.config.ts", ".eleventy.js", "package.json"];

/**
 * A copy of castpress's code as it is when the bench starts, with the checkout's node_modules
 * linked in. Every build in the run uses this one version, and `castpress serve`, which
 * restarts itself when its own source changes, is not restarted by edits made to the
 * checkout while the bench runs. Returns the copy's bin/castpress.js.
 */
export async function snapshotCastpress(repoRoot: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await Promise.all(RUNTIME_ENTRIES.map((entry) => cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true })));
  await symlink(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return path.join(dir, "bin/castpress.js");
}
