import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/cli/commands/check.ts";
import { runInProcess } from "../support/command-in-process.ts";

/** The four keys README's site-config table marks required, and nothing else. */
const REQUIRED = "title: Minimal\ndescription: Only what is required.\nauthor: Test Author\nbaseUrl: https://minimal.example.org\n";

async function project(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "castpress-minimal-"));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

const EPISODE = { "episodes/2025-01-16-one.md": "---\ntitle: One\ndate: 2025-01-16\n---\n\nText.\n" };

/**
 * Regression (issue 12): README calls every section but four optional; an empty people.yaml
 * was "not a list", and a section written with nothing under it (`email:`, its settings
 * commented out) was an error whose hint pointed nowhere.
 */
describe("castpress check with the optional parts of a project left out", () => {
  it("accepts a castpress.yaml of the required keys only, without people.yaml", async () => {
    const result = await runInProcess(check, { root: await project({ "castpress.yaml": REQUIRED, ...EPISODE }) }, []);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("1 episode checked: no errors");
    expect(result.code).toBe(0);
  });

  it("accepts sections written with nothing under them, a people.yaml of comments only, and no episodes/ yet", async () => {
    const config = `${REQUIRED}language: en\nfeeds:\n# Filled in later:\nemail:\n#  from: Letters <letters@example.org>\npodcast:\n  category: News\n  owner: { name: Test Author, email: owner@minimal.example.org }\n  funding:\n`;
    const result = await runInProcess(check, { root: await project({ "castpress.yaml": config, "people.yaml": "# Nobody yet.\n" }) }, []);
    // The podcast's art is missing: a warning, not an error.
    expect(result.stderr.trim()).toMatch(/^castpress\.yaml:\d+: warning: the podcast has no art/);
    expect(result.stdout.trim()).toBe("0 episodes checked: no errors, 1 warning");
    expect(result.code).toBe(0);
  });
});
