import { createHash } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Episode } from "../episode/episode.ts";
import { readCacheEntry, writeCacheEntry } from "../files/cache-entry.ts";
import { PACKAGE_ROOT, SOURCE_DIR, TEMPLATES_DIR } from "../paths/package-files.ts";
import { cacheDir, TEMPLATE_OVERRIDES_DIR } from "../paths/project-files.ts";
import type { EmailSite } from "./render-email.ts";

/** What a build writes of an issue: its HTML, its text twin and its clip warning. */
export interface WrittenIssue {
  html: string;
  text: string;
  clipWarning?: string;
}

/** Where rendered issues are kept between builds, by the hash of everything they are made from. */
export const issueCacheDir = (projectRoot: string): string => cacheDir(projectRoot, "outputs");

/**
 * Each rendered issue, kept under .cache/castpress/outputs/ by a hash of what made it: the
 * parsed episode, the site's settings, castpress's code and templates, the project's
 * templates and castpress's pinned dependencies (package.json, MJML among them). A fresh
 * checkout whose `.cache/` was restored (a CI cache) renders only the issues of episodes that
 * changed. An entry that is missing, cut short or altered is rendered again (cache-entry.ts).
 */
export class IssueCache {
  /** The entries this build used: the others are removed after a build that rendered every issue. */
  private readonly used = new Set<string>();

  private constructor(
    private readonly dir: string,
    /** The hash of the code, templates and site settings every issue of this build shares. */
    private readonly shared: string,
  ) {}

  static async open(root: string, castpress: EmailSite): Promise<IssueCache> {
    codeHash ??= filesBelow(SOURCE_DIR, "src").then((code) => hashFiles([["package.json", path.join(PACKAGE_ROOT, "package.json")], ...code]));
    const templates = [...(await filesBelow(TEMPLATES_DIR, "templates")), ...(await filesBelow(path.resolve(root, TEMPLATE_OVERRIDES_DIR), "project"))];
    const shared = [ENTRY_FORMAT, await codeHash, await hashFiles(templates), JSON.stringify(castpress, withoutSourcePaths)];
    return new IssueCache(issueCacheDir(root), createHash("sha256").update(shared.join("\0")).digest("hex"));
  }

  /** The issue as a build made it from this episode before, if it is in the cache and whole. */
  async read(episode: Episode): Promise<WrittenIssue | undefined> {
    const key = this.keyOf(episode);
    this.used.add(key);
    const cached = await readCacheEntry<WrittenIssue>(this.fileOf(key), key);
    return typeof cached?.html === "string" && typeof cached.text === "string" ? cached : undefined;
  }

  async write(episode: Episode, issue: WrittenIssue): Promise<void> {
    const key = this.keyOf(episode);
    await writeCacheEntry(this.fileOf(key), key, { html: issue.html, text: issue.text, ...(issue.clipWarning && { clipWarning: issue.clipWarning }) });
  }

  /** Removes the entries no issue of this build used: call it only after a build of every issue. */
  async removeUnused(): Promise<void> {
    const entries = await readdir(this.dir).catch(() => []);
    const unused = entries.filter((name) => !this.used.has(name.replace(/\.json$/, "")));
    await Promise.all(unused.map((name) => rm(path.join(this.dir, name), { force: true }).catch(() => undefined)));
  }

  private keyOf(episode: Episode): string {
    return createHash("sha256").update(this.shared).update(JSON.stringify(episode, withoutSourcePaths)).digest("hex");
  }

  private fileOf(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

/** Changed when what an entry holds changes, so that older entries are not read as new ones. */
const ENTRY_FORMAT = "castpress issue 1";

/**
 * Where a media file is on this machine says nothing about an email (its URL does), and a CI
 * checkout may be in another folder than the one whose cache it restored.
 */
const withoutSourcePaths = (key: string, value: unknown): unknown => (key === "sourcePath" ? undefined : value);

/**
 * castpress's own code and pinned dependencies, hashed once per process: a change to them
 * restarts `castpress serve`, and each build is a process of its own.
 */
let codeHash: Promise<string> | undefined;

/** One hash of files' names and contents, given as [name, file]. */
async function hashFiles(files: [string, string][]): Promise<string> {
  const contents = await Promise.all(files.map(([, file]) => readFile(file)));
  const hash = createHash("sha256");
  files.forEach(([name], index) => hash.update(`${name}\0`).update(contents[index]!).update("\0"));
  return hash.digest("hex");
}

/**
 * The files below a folder as [name to hash, file], named relative to it under `label`, so
 * that the hash is the same wherever the project and castpress are, and sorted, so that it is
 * stable. None when the folder is missing (a project without templates of its own).
 */
async function filesBelow(folder: string, label: string): Promise<[string, string][]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry): [string, string] => {
      const file = path.join(entry.parentPath, entry.name);
      return [`${label}/${path.relative(folder, file).split(path.sep).join("/")}`, file];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
