import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { writeAtomic } from "./write-atomic.ts";

/**
 * One file of castpress's cache (.cache/castpress/): a value stored with the key it was made
 * for and a checksum of both. Reading gives undefined for an entry that is missing, empty,
 * cut short, altered or made for another key, so the caller makes the value again; it never
 * trusts what it cannot verify.
 */
export async function readCacheEntry<T>(file: string, key: string): Promise<T | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (!text) return undefined;
  const newline = text.indexOf("\n");
  const body = text.slice(newline + 1);
  if (newline < 0 || text.slice(0, newline) !== checksum(body)) return undefined;
  try {
    const entry = JSON.parse(body) as { key?: unknown; value?: T };
    return entry.key === key ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores a value atomically. A cache that cannot be written (a read-only or full disk) only
 * costs the next build the time to make the value again: the failure is not the build's.
 */
export async function writeCacheEntry(file: string, key: string, value: unknown): Promise<void> {
  const body = JSON.stringify({ key, value });
  await writeAtomic(file, `${checksum(body)}\n${body}`).catch(() => undefined);
}

const checksum = (text: string): string => createHash("sha256").update(text).digest("hex");
