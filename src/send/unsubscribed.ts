import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { addressKey } from "./subscriber-list.ts";

/** Addresses `castpress unsubscribe` recorded (one a line, lower case): never sent to again. */
export async function readUnsubscribed(file: string): Promise<Set<string>> {
  const text = await readFile(file, "utf8").catch(() => "");
  return new Set(text.split("\n").map(addressKey).filter(Boolean));
}

/** Records an address; false when it was already there. */
export async function recordUnsubscribed(file: string, address: string): Promise<boolean> {
  if ((await readUnsubscribed(file)).has(addressKey(address))) return false;
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${addressKey(address)}\n`);
  return true;
}
