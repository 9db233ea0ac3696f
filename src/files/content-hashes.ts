import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { readCacheEntry, writeCacheEntry } from "./cache-entry.ts";

const CACHE_KEY = "content-hashes 1";
/** A file changed this recently may change again within the same tick of the file system's clock. */
const SETTLING_MS = 2000;

/**
 * The SHA-256 of files' contents, each read once per version of the file: a hash is kept
 * with the file's size, times, inode and ctime. Copying with `cp -p`, `rsync -t` or `touch -r`
 * can restore a size and modification time, but no tool sets the ctime, which every write
 * moves: a file whose signature differs is read and hashed again, so what decides is the
 * content. A file changed within the last seconds is not remembered, since a second write in
 * the same clock tick would leave its ctime as it was.
 */
export class ContentHashes {
  private changed = false;
  /** Files asked about by this build: the others (deleted, renamed) are not kept. */
  private readonly seen = new Set<string>();

  private constructor(
    private readonly cacheFile: string,
    private readonly known: Map<string, { signature: string; sha256: string }>,
  ) {}

  /** The hashes kept in `cacheFile`; none when it is missing or fails its check. */
  static async load(cacheFile: string): Promise<ContentHashes> {
    const entries = await readCacheEntry<[string, { signature: string; sha256: string }][]>(cacheFile, CACHE_KEY);
    return new ContentHashes(cacheFile, new Map(Array.isArray(entries) ? entries : []));
  }

  /** The file's hash, or undefined when there is no such file. */
  async of(file: string): Promise<string | undefined> {
    const info = await stat(file, { bigint: true }).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const signature = statSignature(info);
    this.seen.add(file);
    const earlier = this.known.get(file);
    if (earlier?.signature === signature) return earlier.sha256;
    const sha256 = await hashFile(file);
    if (Date.now() - Number(info.ctimeMs) > SETTLING_MS) {
      this.known.set(file, { signature, sha256 });
      this.changed = true;
    }
    return sha256;
  }

  /** Keeps the hashes for the next build (atomically; a cache that cannot be written is skipped). */
  async save(): Promise<void> {
    const kept = [...this.known].filter(([file]) => this.seen.has(file));
    if (this.changed || kept.length < this.known.size) await writeCacheEntry(this.cacheFile, CACHE_KEY, kept);
    this.changed = false;
  }
}

/** What changes whenever a file is written or replaced, whatever its new size and mtime. */
export function statSignature(info: { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint; dev: bigint }): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}:${info.dev}`;
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
