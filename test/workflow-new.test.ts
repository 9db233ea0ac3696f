import { readdir, readFile, writeFile } from "node:fs/promises";
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

  it("gives every episode a fresh guid", async () => {
    const project = await copyFixture("workflow");
    await castpress(["new", "One", "--date", "2025-03-01"], { cwd: project });
    await castpress(["new", "Two", "--date", "2025-03-01"], { cwd: project });
    const guids = await Promise.all(
      ["2025-03-01-one.md", "2025-03-01-two.md"].map(async (name) =>
        /^guid: (.+)$/m.exec(await readFile(path.join(project, "episodes", name), "utf8"))![1],
      ),
    );
    expect(guids[0]).not.toBe(guids[1]);
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

  it("takes --slug and --audio, and today's date in the site's time zone by default", async () => {
    const project = await copyFixture("workflow");
    const result = await castpress(["new", "中日关系", "--slug", "china-japan", "--audio", "episodes/audio/talk.mp3"], { cwd: project });
    expect(result.code).toBe(0);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
    expect(result.stdout.trim()).toBe(`episodes/${today}-china-japan.md`);
    const text = await readFile(path.join(project, result.stdout.trim()), "utf8");
    expect(text).toContain('src: "audio/talk.mp3"');
  });

  it("asks for a slug when the title has no letters to make one from", async () => {
    const project = await copyFixture("workflow");
    const result = await castpress(["new", "中日关系"], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--slug");
  });
});
