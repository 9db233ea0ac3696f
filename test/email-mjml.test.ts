import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { castpress, copyFixture } from "./support/castpress-cli.ts";

/** MJML compiles every email strictly, and a rebuild compiles only the emails that changed. */
describe("an email template MJML rejects", () => {
  it("fails the build with MJML's message, naming the template and the episode, and leaves no output", async () => {
    // The fixture's own templates/email/footer.mjml.njk puts an mj-text straight in an mj-section.
    const project = await copyFixture("email-broken-template");
    const result = await castpress(["build"], { cwd: project });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("MJML rejected the email rendered from templates/email/issue.mjml.njk (episode episodes/2025-02-01-escaping.md)");
    expect(result.stderr).toMatch(/mj-text cannot be used inside mj-section/);
    await expect(stat(path.join(project, "dist"))).rejects.toThrow();
  }, 120_000);
});

describe("the MJML cache", () => {
  it("compiles only the email whose MJML changed", async () => {
    const project = await copyFixture("email-escaping");
    const episodes = path.join(project, "episodes");
    const first = path.join(episodes, "2025-02-01-escaping.md");
    const second = path.join(episodes, "2025-02-02-second.md");
    await writeFile(
      second,
      (await readFile(first, "utf8")).replace(/^title: .*$/m, "title: A second issue").replace(/^guid: .*$/m, "guid: 0b1f4a8e-2d3c-4e5f-8a9b-0c1d2e3f4a5b").replace("date: 2025-02-01", "date: 2025-02-02"),
    );
    const cache = path.join(project, ".cache/castpress/mjml");
    const entries = async () => (await readdir(cache)).filter((name) => name.endsWith(".html")).sort();
    const build = async () => {
      const result = await castpress(["build"], { cwd: project });
      expect(result.code, result.stderr).toBe(0);
    };

    await build();
    const cold = await entries();
    expect(cold).toHaveLength(2);
    const secondHtml = await readFile(path.join(project, "dist/email/second.html"), "utf8");
    const cachedHtml = await Promise.all(cold.map((name) => readFile(path.join(cache, name), "utf8")));
    expect(cachedHtml).toContain(secondHtml);

    await build();
    expect(await entries()).toEqual(cold);

    await writeFile(first, (await readFile(first, "utf8")).replace("They met.", "They met, and talked."));
    await build();
    const warm = await entries();
    // One new compile, for the edited email; the other came from the cache.
    expect(warm).toHaveLength(3);
    expect(warm.filter((name) => !cold.includes(name))).toHaveLength(1);
    expect(await readFile(path.join(project, "dist/email/escaping.html"), "utf8")).toContain("They met, and talked.");
    expect(await readFile(path.join(project, "dist/email/second.html"), "utf8")).toBe(secondHtml);
  }, 180_000);
});
