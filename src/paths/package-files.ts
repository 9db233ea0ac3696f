import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * castpress's own code: src/ in a checkout, run through tsx, or lib/src/ in a packed castpress,
 * compiled to JavaScript when it was packed (scripts/pack.mjs).
 */
export const SOURCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Whether castpress runs as TypeScript (a checkout) or as the JavaScript it was packed with. */
export const SOURCE_EXTENSION = path.extname(fileURLToPath(import.meta.url));
/** castpress's own folder (its package.json, templates/ and code), wherever the author's project is. */
export const PACKAGE_ROOT = packageRoot(SOURCE_DIR);
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, "templates");
/** Eleventy's input: one template per kind of page or file. */
export const PAGE_TEMPLATES_DIR = path.join(TEMPLATES_DIR, "pages");

function packageRoot(from: string): string {
  let folder = from;
  while (!existsSync(path.join(folder, "package.json"))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`castpress's package.json was not found above ${from}`);
    folder = parent;
  }
  return folder;
}
