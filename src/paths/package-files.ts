import path from "node:path";
import { fileURLToPath } from "node:url";

/** castpress's own folder (its src/ and templates/), wherever the author's project is. */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SOURCE_DIR = path.join(PACKAGE_ROOT, "src");
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, "templates");
/** Eleventy's input: one template per kind of page or file. */
export const PAGE_TEMPLATES_DIR = path.join(TEMPLATES_DIR, "pages");
