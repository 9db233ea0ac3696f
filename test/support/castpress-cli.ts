import { spawn } from "node:child_process";
import { cp, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(REPO_ROOT, "test/fixtures");
const CLI = path.join(REPO_ROOT, "bin/castpress.js");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `castpress` command as an author would, in a child process; `user` runs it as another user (from root). */
export function castpress(args: string[], options: { cwd: string; env?: Record<string, string>; user?: { uid: number; gid: number } }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd,
      env: { ...process.env, CI: "true", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      ...options.user,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** A fresh copy of a project folder in a temporary folder named after `label`: a fixture, or a project a test built (output and caches included). */
export async function copyProject(source: string, label: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `castpress-${label}-`));
  await cp(source, dir, { recursive: true });
  return dir;
}

/** A fresh copy of a fixture project (test/fixtures/<name>) in a temporary folder. */
export const copyFixture = (name: string): Promise<string> => copyProject(path.join(FIXTURES, name), name);

/**
 * A fresh copy of test/fixtures/east-asia-digest/: a whole publication (castpress.yaml,
 * people.yaml, three episodes quoting Chinese, Japanese and Korean, audio with chapters and a
 * transcript) made from the repository's sample but under slugs of its own, so tests check real
 * content and never depend on the sample episodes an author deletes.
 */
export const copyDigest = (): Promise<string> => copyFixture("east-asia-digest");
