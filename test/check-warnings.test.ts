import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { copyDigest, FIXTURES } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

describe("castpress check on projects without errors", () => {
  it("reports a timeline running backwards as a warning, and exits 0", async () => {
    const result = await runInProcess(check, { root: path.join(FIXTURES, "check-warnings") }, []);
    expect(result.stderr.trimEnd()).toBe(
      "episodes/2025-01-16-backwards.md:10: warning: this meeting (2025-01-13) is dated before the one above it (2025-01-15) — a timeline runs forwards: check the date, or move the meeting",
    );
    expect(result.stdout.trim()).toBe("1 episode checked: no errors, 1 warning");
    expect(result.code).toBe(0);
  });

  it("passes `castpress check` on the east-asia-digest fixture (made from the sample), without a single problem", async () => {
    const { stdout, stderr, code } = await runInProcess(check, { root: await copyDigest() }, []);
    expect(stderr).toBe("");
    expect(stdout.trim()).toMatch(/^\d+ episodes checked: no errors$/);
    expect(code).toBe(0);
  });
});
