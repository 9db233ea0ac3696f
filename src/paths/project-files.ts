import path from "node:path";

/** The files and folders castpress reads in an author's project, named once. */
export const SITE_CONFIG_FILE = "castpress.yaml";
export const PEOPLE_FILE = "people.yaml";
export const EPISODES_DIR = "episodes";
/** The project's own templates, each replacing castpress's at the same path below templates/. */
export const TEMPLATE_OVERRIDES_DIR = "templates";
/** The config files, read before any episode: a change to either changes every page. */
export const CONFIG_FILES = [SITE_CONFIG_FILE, PEOPLE_FILE];

/** What castpress keeps between runs, one folder each, under the project's git-ignored .cache/ (never in dist/). */
export type CacheUse = "audio" | "builds" | "episodes" | "hashes" | "mjml" | "pagefind" | "serve";
export const cacheDir = (root: string, use: CacheUse): string => path.join(root, ".cache", "castpress", use);
