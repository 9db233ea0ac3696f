import { spawnSync } from "node:child_process";

/**
 * SpamAssassin's local rules (Debian's `spamassassin -L -t`, no network tests) on a message: its
 * score and the X-Spam-Status line naming the rules that fired. Issue 13: a message castpress
 * sends must score under 2.0 (5.0 is spam).
 */
export function spamScore(raw: Buffer): { score: number; status: string } {
  const result = spawnSync("spamassassin", ["-L", "-t"], { input: raw, encoding: "utf8", timeout: 90_000 });
  const status = /^X-Spam-Status: (Yes|No), score=(-?[\d.]+)[^\n]*(?:\n\s+[^\n]*)*/m.exec(result.stdout);
  if (!status) throw new Error(`spamassassin gave no X-Spam-Status: ${result.stderr}`);
  return { score: Number(status[2]), status: status[0].replace(/\s+/g, " ") };
}

/** Whether spamassassin is installed: required in CI, a warning naming the test file elsewhere. */
export function spamAssassinAvailable(testFile: string): boolean {
  const found = spawnSync("spamassassin", ["--version"], { encoding: "utf8" }).status === 0;
  if (!found && process.env.CI) throw new Error("spamassassin is not installed: .ci/run installs it (apt-get install spamassassin)");
  if (!found) console.warn(`${testFile}: spamassassin is not installed; the spam score is not checked (apt-get install -y spamassassin)`);
  return found;
}
