import { execFile } from "node:child_process";
import { cp, mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

/** What `npm pack` reads: castpress's code, what compiles it, and its templates. */
const PACKAGE_SOURCES = ["bin", "src", "templates", "eleventy.config.ts", ".eleventy.js", "package.json", "package-lock.json", "README.md", "tsconfig.json", "tsconfig.build.json", "scripts/pack.mjs"];

/**
 * A copy of castpress's code as it is when the bench starts, with the checkout's node_modules
 * linked in. Every build in the run uses this one version, and `castpress serve`, which
 * restarts itself when its own source changes, is not restarted by edits made to the
 * checkout while the bench runs. It is compiled to JavaScript as `npm pack` compiles it
 * (scripts/pack.mjs), so the bench measures what an installed castpress runs. Returns the
 * copy's bin/castpress.js.
 */
export async function snapshotCastpress(repoRoot: string, dir: string): Promise<string> {
  await copyForPacking(repoRoot, dir);
  await promisify(execFile)(process.execPath, [path.join(dir, "scripts/pack.mjs"), "prepare"]);
  return path.join(dir, "bin/castpress.js");
}

/**
 * A copy of what `npm pack` reads from the checkout, with its node_modules linked in, where
 * packing may compile into lib/ without touching the checkout (test/package-install.test.ts
 * packs it; the bench compiles it).
 */
export async function copyForPacking(repoRoot: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(PACKAGE_SOURCES.map((entry) => cp(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true })));
  await symlink(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
}
