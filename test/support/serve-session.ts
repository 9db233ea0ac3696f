import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "./castpress-cli.ts";

export interface ServeSession {
  url: string;
  /** Everything serve has printed so far. */
  output: () => string;
  /** What `/__castpress/status` says: whether a good build is served, and the last build's problems. */
  status: () => Promise<{ built: boolean; problems: string[] }>;
  stop: () => void;
}

/**
 * Starts `castpress serve` on a free port in the project, as an author would, and waits for
 * its address and then (unless told not to) for the end of its first build, good or failed.
 */
export async function startServe(project: string, options: { waitForFirstBuild?: boolean } = {}): Promise<ServeSession> {
  const server = spawn(process.execPath, [path.join(REPO_ROOT, "bin/castpress.js"), "serve", "--port", "0"], {
    cwd: project,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  const stop = () => void server.kill("SIGINT");
  try {
    const describe = () => output;
    const url = await eventually(async () => /castpress serve: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1], { seconds: 120, describe });
    const status = async () => (await (await fetch(new URL("__castpress/status", url))).json()) as { built: boolean; problems: string[] };
    if (options.waitForFirstBuild !== false) await eventually(async () => {
      const { built, problems } = await status();
      return built || problems.length > 0;
    }, { seconds: 120, describe });
    return { url, output: () => output, status, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** Polls until `probe` returns something truthy, or fails after `seconds` with what `describe` says. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, options: { seconds?: number; describe?: () => string } = {}): Promise<T> {
  const deadline = Date.now() + (options.seconds ?? 30) * 1000;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting${options.describe ? `:\n${options.describe()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
