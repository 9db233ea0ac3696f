import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { castpress, copyFixture } from "./support/castpress-cli.ts";

describe("castpress new", () => {
  it("writes a draft from the skeleton that passes check, and prints its path", async () => {
    const project = await copyFixture("workflow");
    const result = await castpress(["new", "Café déjà vu: Ōsaka & Kyōto", "--date", "2025-03-01"], { cwd: project });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("episodes/2025-03-01-cafe-deja-vu-osaka-and-kyoto.md");

    const text = await readFile(path.join(project, result.stdout.trim()), "utf8");
    expect(text).toContain('title: "Café déjà vu: Ōsaka & Kyōto"');
    expect(text).toContain("date: 2025-03-01");
    expect(text).toMatch(/^guid: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/m);
    expect(text).toContain("draft: true");
    for (const block of ["::: quote", ":::: meeting", "::: note", "::: reading"]) expect(text).toContain(block);

    const check = await castpress(["check"], { cwd: project });
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
  });

  it("never overwrites: the same title twice is an error naming the existing file, which is untouched", async () => {
    const project = await copyFixture("workflow");
    const first = await castpress(["new", "Same title", "--date", "2025-03-01"], { cwd: project });
    const file = path.join(project, first.stdout.trim());
    await writeFile(file, "the author's words");

    const second = await castpress(["new", "Same title", "--date", "2025-04-02"], { cwd: project });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("episodes/2025-03-01-same-title.md");
    expect(await readFile(file, "utf8")).toBe("the author's words");
    expect((await readdir(path.join(project, "episodes"))).filter((name) => name.includes("same-title"))).toHaveLength(1);
  });

  it("copies --audio from outside the project into it, and refuses one that does not exist before writing anything", async () => {
    const project = await copyFixture("workflow");
    const outside = await mkdtemp(path.join(os.tmpdir(), "castpress-recordings-"));
    const recording = path.join(outside, "Interview Take 3.MP3");
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 7) % 256));
    await writeFile(recording, bytes);

    const result = await castpress(["new", "With audio", "--date", "2025-03-01", "--audio", recording], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    const episodeFile = path.join(project, "episodes/2025-03-01-with-audio.md");
    const src = /^\s+src: "(.+)"$/m.exec(await readFile(episodeFile, "utf8"))?.[1];
    expect(src).toBeDefined();
    const copied = path.resolve(path.dirname(episodeFile), src!);
    expect(path.relative(project, copied).startsWith("..")).toBe(false);
    expect(await readFile(copied)).toEqual(bytes);
    expect(await readFile(recording)).toEqual(bytes);

    const before = await readdir(path.join(project, "episodes"), { recursive: true });
    const missing = await castpress(["new", "No audio", "--date", "2025-03-02", "--audio", path.join(outside, "missing.mp3")], { cwd: project });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("missing.mp3");
    expect(await readdir(path.join(project, "episodes"), { recursive: true })).toEqual(before);
  });
});

