import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a file under a temporary name beside it, then renames it into place: a reader (or a
 * build started meanwhile) sees the old file or the new one, never half of one, and a killed
 * process leaves at most a stray temporary file. No fsync: every castpress cache entry is
 * verified when read (see cache-entry.ts), so one lost in a power cut is only made again.
 */
export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
