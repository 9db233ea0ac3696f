import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCacheEntry, writeCacheEntry } from "../../src/files/cache-entry.ts";

const folder = () => mkdtemp(path.join(os.tmpdir(), "castpress-cache-entry-"));

describe("a cache entry", () => {
  it("gives back what was stored, for the same key only, leaving no temporary file", async () => {
    const dir = await folder();
    const file = path.join(dir, "nested/entry.json");
    await writeCacheEntry(file, "key-1", { html: "<p>é</p>", n: 3 });
    expect(await readCacheEntry(file, "key-1")).toEqual({ html: "<p>é</p>", n: 3 });
    expect(await readCacheEntry(file, "key-2")).toBeUndefined();
    expect(await readdir(path.join(dir, "nested"))).toEqual(["entry.json"]);
  });

  it("is missing, not trusted, when the file is absent, empty, cut short or altered", async () => {
    const dir = await folder();
    const file = path.join(dir, "entry.json");
    expect(await readCacheEntry(file, "k")).toBeUndefined();
    await writeCacheEntry(file, "k", "<html>the compiled email</html>");
    const whole = await readFile(file, "utf8");
    for (const damaged of ["", whole.slice(0, whole.length - 5), whole.replace("compiled", "c0mpiled"), "not a cache entry"]) {
      await writeFile(file, damaged);
      expect(await readCacheEntry(file, "k")).toBeUndefined();
    }
  });

  it("does not fail when the cache cannot be written", async () => {
    const dir = await folder();
    const blocked = path.join(dir, "a-file");
    await writeFile(blocked, "");
    await expect(writeCacheEntry(path.join(blocked, "entry.json"), "k", 1)).resolves.toBeUndefined();
  });
});
