import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";

/**
 * Peak memory of a process and of every process it starts (Pagefind's indexer, esbuild under
 * tsx, the serve worker), read from Linux's /proc while it runs: VmHWM is each process's own
 * peak resident set, kept by the kernel, so a poll only has to see each process once it is
 * at its peak or later. Elsewhere (no /proc) the peak is unknown: null.
 */
export class ProcessTreeMemory {
  /** Each process's highest VmHWM seen, by pid. */
  private readonly peaks = new Map<number, { command: string; kilobytes: number }>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private readonly supported = existsSync("/proc/self/status");

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 50,
  ) {}

  start(): this {
    if (!this.supported) return this;
    this.timer = setInterval(() => {
      this.polling = this.polling.then(() => this.poll());
    }, this.intervalMs);
    this.polling = this.poll();
    return this;
  }

  /** Stops polling; then `peak()` holds what was seen. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
  }

  /**
   * The sum of every process's own peak, in MB: an upper bound of what the tree held at any
   * one moment, and what the machine must have free for the build.
   */
  peak(): MemoryPeak | null {
    if (!this.supported || this.peaks.size === 0) return null;
    const processes = [...this.peaks.values()];
    const mainPeak = this.peaks.get(this.rootPid)?.kilobytes ?? 0;
    return {
      treeMb: toMb(processes.reduce((sum, entry) => sum + entry.kilobytes, 0)),
      mainMb: toMb(mainPeak),
      byCommand: Object.fromEntries(
        Object.entries(
          processes.reduce<Record<string, number>>((sums, entry) => ({ ...sums, [entry.command]: (sums[entry.command] ?? 0) + entry.kilobytes }), {}),
        ).map(([command, kilobytes]) => [command, toMb(kilobytes)]),
      ),
    };
  }

  private async poll(): Promise<void> {
    if (!this.supported) return;
    const pids = await descendants(this.rootPid);
    await Promise.all(
      pids.map(async (pid) => {
        const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => undefined);
        if (status === undefined) return;
        const kilobytes = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
        const command = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? "?";
        const seen = this.peaks.get(pid);
        if (!seen || kilobytes > seen.kilobytes) this.peaks.set(pid, { command, kilobytes });
      }),
    );
  }
}

export interface MemoryPeak {
  /** Sum over the process tree of each process's peak RSS. */
  treeMb: number;
  /** The peak RSS of the process started (the node running castpress or Eleventy). */
  mainMb: number;
  /** The same sums by command name (node, pagefind, esbuild, ...). */
  byCommand: Record<string, number>;
}

const toMb = (kilobytes: number): number => Math.round(kilobytes / 102.4) / 10;

/**
 * Resolves once the process tree has used under 5% of one core for half a second (or after
 * `maxMs`): a server's background work (the search index after a rebuild) is done by then.
 */
export async function settled(rootPid: number, maxMs = 120_000): Promise<void> {
  const window = 500;
  const deadline = Date.now() + maxMs;
  if (!existsSync("/proc/self/stat")) return new Promise((resolve) => setTimeout(resolve, 3 * window));
  let before = await cpuMilliseconds(rootPid);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, window));
    const now = await cpuMilliseconds(rootPid);
    if (now - before < window * 0.05) return;
    before = now;
  }
}

/** User and system CPU time the tree's live processes have used, in ms (clock ticks taken as 10 ms, as on Linux). */
async function cpuMilliseconds(rootPid: number): Promise<number> {
  const stats = await Promise.all((await descendants(rootPid)).map((pid) => readFile(`/proc/${pid}/stat`, "utf8").catch(() => "")));
  return stats.reduce((sum, stat) => {
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return sum + (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
  }, 0);
}

/** The pid and every live descendant, through /proc/<pid>/task/<tid>/children. */
export async function descendants(rootPid: number): Promise<number[]> {
  const found: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    found.push(pid);
    const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
    for (const tid of tasks) {
      const children = await readFile(`/proc/${pid}/task/${tid}/children`, "utf8").catch(() => "");
      for (const child of children.split(/\s+/).filter(Boolean)) queue.push(Number(child));
    }
  }
  return [...new Set(found)];
}

export interface TimedRun {
  ms: number;
  memory: MemoryPeak | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, timing it (wall clock) and tracking its tree's peak memory. Fails on a non-zero exit. */
export async function timedRun(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<TimedRun> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  const memory = new ProcessTreeMemory(child.pid!).start();
  const { code, stdout, stderr } = await completion(child);
  const ms = performance.now() - started;
  await memory.stop();
  if (code !== 0) throw new Error(`${[command, ...args].join(" ")} (in ${options.cwd}) exited with ${code}:\n${stderr}\n${stdout}`);
  return { ms, memory: memory.peak(), stdout, stderr };
}

function completion(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
