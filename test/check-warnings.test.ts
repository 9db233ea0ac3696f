import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { castpress, FIXTURES, SAMPLE_PROJECT } from "./support/castpress-cli.ts";

describe("castpress check on projects without errors", () => {
  it("reports a timeline running backwards as a warning, and exits 0", async () => {
    const result = await castpress(["check"], { cwd: path.join(FIXTURES, "check-warnings") });
    expect(result.stderr.trimEnd()).toBe(
      "episodes/2025-01-16-backwards.md:10: warning: this meeting (2025-01-13) is dated before the one above it (2025-01-15) — a timeline runs forwards: check the date, or move the meeting",
    );
    expect(result.stdout.trim()).toBe("1 episode checked: no errors, 1 warning");
    expect(result.code).toBe(0);
  });

  it("passes `npm run check` on the repository's sample episodes, without a single problem", async () => {
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "--silent", "check"], { cwd: SAMPLE_PROJECT });
    expect(stderr).toBe("");
    expect(stdout.trim()).toMatch(/^\d+ episodes checked: no errors$/);
  });
});
