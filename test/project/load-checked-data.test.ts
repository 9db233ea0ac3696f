import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/problems/problem.ts";
import { loadCheckedData } from "../../src/project/load-checked-data.ts";
import { FIXTURES } from "../support/castpress-cli.ts";

describe("loadCheckedData", () => {
  it("gives the checked project of a project without errors", async () => {
    const data = await loadCheckedData({ root: path.join(FIXTURES, "outputs-agree"), drafts: false });
    expect(data.episodes.map((episode) => episode.slug)).toEqual(["summary", "no-subtitle", "body-only"]);
    expect(data.render.episodes).toEqual(data.episodes);
  });

  it("stops with every error of the project, each naming its file and line, before anything is rendered", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const failure = await loadCheckedData({ root: path.join(FIXTURES, "check-errors"), drafts: false }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(InputError);
      const problems = (failure as InputError).problems;
      expect(problems.length).toBeGreaterThan(1);
      expect(problems.every((problem) => problem.severity === "error")).toBe(true);
      for (const line of (failure as InputError).message.split("\n")) expect(line).toMatch(/^episodes\/[^:]+\.md:\d+: /);
    } finally {
      warn.mockRestore();
    }
  });
});
