import { execFileSync } from "node:child_process";
import { mkdtemp, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentHashes } from "../../src/files/content-hashes.ts";

describe("content hashes", () => {
  it("see an edit that keeps the size and restores the modification time (cp -p, touch -r, rsync -t)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "castpress-content-hashes-"));
    const file = path.join(dir, "episode.md");
    const cacheFile = path.join(dir, "cache/hashes.json");
    await writeFile(file, "title: Old text\n");
    const old = new Date(Date.now() - 3_600_000);
    await utimes(file, old, old);
    // A file changed in the last two seconds is hashed every time; wait until this one is remembered.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const first = await ContentHashes.load(cacheFile);
    const hashBefore = await first.of(file);
    await first.save();

    const reference = path.join(dir, "reference");
    execFileSync("cp", ["-p", file, reference]);
    const before = await stat(file, { bigint: true });
    await writeFile(file, "title: New text\n");
    execFileSync("touch", ["-r", reference, file]);
    const after = await stat(file, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    const second = await ContentHashes.load(cacheFile);
    expect(await second.of(file)).not.toBe(hashBefore);
  });

  it("give the same hash for the same content, and none for a missing file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "castpress-content-hashes-"));
    await writeFile(path.join(dir, "a"), "same");
    await writeFile(path.join(dir, "b"), "same");
    const hashes = await ContentHashes.load(path.join(dir, "hashes.json"));
    expect(await hashes.of(path.join(dir, "a"))).toBe(await hashes.of(path.join(dir, "b")));
    expect(await hashes.of(path.join(dir, "missing"))).toBeUndefined();
  });
});
