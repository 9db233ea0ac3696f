import { spawn, type ChildProcess } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { emailHtml, episodePage, podcastFeed, readerFeed } from "../../src/paths/output-paths.ts";
import { cacheDir } from "../../src/paths/project-files.ts";
import { descendants, ProcessTreeMemory, settled, type MemoryPeak } from "./process-tree.ts";

export interface ServeSession {
  /** From starting `castpress serve` until it answers a browser's first request (a page saying it is building). */
  firstPageMs: number;
  /** From starting `castpress serve` until its first build is done (it listens before it builds). */
  startMs: number;
  edits: ServeEdit[];
  memory: MemoryPeak | null;
}

export interface ServeEdit {
  /** From saving the episode until its page, its email and both feeds all hold the new title. */
  ms: number;
  /** When each of those files first held it. */
  byFile: Record<string, number>;
}

const STARTUP_TIMEOUT_MS = 600_000;
const EDIT_TIMEOUT_MS = 300_000;
const POLL_MS = 5;
const RE_READ_MS = 250;

/**
 * Starts `castpress serve` on the project, then, `edits` times, changes the title of one
 * episode (one with audio, so it is in both feeds) and times until the preview files a
 * reader would look at hold the new title. Between edits the server is left to finish its
 * background work (the search index), as it would be between an author's saves.
 */
export async function measureServeEdits(options: { cli: string; project: string; episodeFile: string; slug: string; edits: number; label: string }): Promise<ServeSession> {
  const started = performance.now();
  const server = spawn(process.execPath, [options.cli, "serve", "--port", "0"], {
    cwd: options.project,
    env: { ...process.env, CI: "true" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const memory = new ProcessTreeMemory(server.pid!).start();
  let output = "";
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  try {
    await until(() => answers(/castpress serve: (http:\/\/\S+)/.exec(output)?.[1]), STARTUP_TIMEOUT_MS, () => `serve did not start:\n${output}`, server);
    const firstPageMs = performance.now() - started;
    await until(() => /^Built \d+ episodes? in/m.test(output), STARTUP_TIMEOUT_MS, () => `serve did not build:\n${output}`, server);
    const startMs = performance.now() - started;
    const preview = cacheDir(options.project, "serve");
    const watched = {
      page: path.join(preview, episodePage(options.slug), "index.html"),
      email: path.join(preview, emailHtml(options.slug)),
      "feed.xml": path.join(preview, readerFeed()),
      "podcast.xml": path.join(preview, podcastFeed()),
    };
    const edits: ServeEdit[] = [];
    for (let edit = 1; edit <= options.edits; edit++) {
      await settled(server.pid!);
      const marker = `benchedit${options.label}x${edit}x${Date.now().toString(36)}`;
      const source = await readFile(options.episodeFile, "utf8");
      const edited = source.replace(/^title: .*$/m, `title: Edited ${marker}`);
      const saved = performance.now();
      await writeFile(options.episodeFile, edited);
      const byFile = await whenAllHold(watched, marker, saved, server, () => output);
      edits.push({ ms: Math.max(...Object.values(byFile)), byFile });
    }
    return { firstPageMs, startMs, edits, memory: (await stopAndMeasure(server, memory)).peak() };
  } catch (error) {
    await stopAndMeasure(server, memory);
    throw error;
  }
}

/**
 * Polls each file until it holds `marker`, reading it when its time or size moves (the feeds
 * are megabytes) and at least every RE_READ_MS, since a truncate and the write after it can
 * share one coarse timestamp.
 */
async function whenAllHold(files: Record<string, string>, marker: string, since: number, server: ChildProcess, output: () => string): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  const lastSeen = new Map<string, { version: string; readAt: number }>();
  await until(
    async () => {
      for (const [name, file] of Object.entries(files)) {
        if (name in found) continue;
        const info = await stat(file).catch(() => undefined);
        if (!info) continue;
        const version = `${info.mtimeMs}:${info.size}`;
        const seen = lastSeen.get(name);
        if (seen && seen.version === version && performance.now() - seen.readAt < RE_READ_MS) continue;
        lastSeen.set(name, { version, readAt: performance.now() });
        // Searched as bytes: decoding a feed of megabytes would slow the poll more than the server.
        if ((await readFile(file).catch(() => Buffer.alloc(0))).includes(marker)) found[name] = performance.now() - since;
      }
      return Object.keys(found).length === Object.keys(files).length;
    },
    EDIT_TIMEOUT_MS,
    () => `after an edit, only [${Object.keys(found).join(", ")}] of [${Object.keys(files).join(", ")}] showed the new title; serve printed:\n${output()}`,
    server,
  );
  return found;
}

/** Whether the server at `url` answers a page at all (before its first build, with a 503). */
async function answers(url: string | undefined): Promise<boolean> {
  if (!url) return false;
  return fetch(url).then((response) => response.text().then(() => true), () => false);
}

async function until(done: () => boolean | Promise<boolean>, timeoutMs: number, failure: () => string, server: ChildProcess): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (server.exitCode !== null || performance.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** SIGTERM, as Ctrl+C would (serve stops its worker), then SIGKILL to it and its worker if they linger. */
async function stopAndMeasure(server: ChildProcess, memory: ProcessTreeMemory): Promise<ProcessTreeMemory> {
  await memory.stop();
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    const pids = await descendants(server.pid!);
    const timer = setTimeout(() => pids.forEach(killIfAlive), 20_000);
    await exited;
    clearTimeout(timer);
  }
  return memory;
}

function killIfAlive(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
