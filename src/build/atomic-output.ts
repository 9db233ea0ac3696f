import { existsSync, rmSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { constants as osConstants } from "node:os";
import path from "node:path";
import { isRunning } from "../project/running-process.ts";

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * A build writes into a fresh folder beside the output and only then takes the output's
 * place, so a failed or killed build leaves the previous output exactly as it was.
 */
export async function withAtomicOutput<T>(output: string, write: (staging: string) => Promise<T>): Promise<T> {
  const parent = path.dirname(path.resolve(output));
  const name = path.basename(output);
  await mkdir(parent, { recursive: true });
  await recover(parent, name);
  const staging = path.join(parent, `.${name}.staging-${process.pid}-${Date.now()}`);
  // Ctrl-C (or a polite kill) stops the build at once: the output stays as it was, and the
  // half-written staging folder goes with the process instead of waiting for the next build.
  const stop = (signal: NodeJS.Signals): void => {
    removeBeforeExit(staging);
    process.exit(128 + osConstants.signals[signal]);
  };
  for (const signal of STOP_SIGNALS) process.once(signal, stop);
  try {
    const result = await write(staging);
    await swapIn(staging, path.resolve(output));
    return result;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
    // A failed build may still be finishing writes into staging: a failed clean-up must not hide
    // the build's own error, and the next build removes what is left (see recover).
    await rm(staging, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

/**
 * Removes the folder from a signal handler. File operations the build had already handed to
 * the system (a `mkdir -p` of an email folder, say) may still land after a first removal and
 * bring the folder back, or make it fail: wait for them briefly (nothing new starts while this
 * runs) and remove again.
 */
function removeBeforeExit(folder: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // A file appearing while the folder was emptied: the next attempt takes it.
    }
    Atomics.wait(pause, 0, 0, 20);
    if (!existsSync(folder)) return;
  }
}

/** Puts the new folder in place with two renames, under a lock so two builds never interleave. */
async function swapIn(staging: string, output: string): Promise<void> {
  const lock = `${path.join(path.dirname(output), "." + path.basename(output))}.lock`;
  await acquire(lock);
  const previous = `${lock.replace(/\.lock$/, "")}.previous-${process.pid}`;
  try {
    const hadOutput = await exists(output);
    if (hadOutput) await rename(output, previous);
    await rename(staging, output);
    if (hadOutput) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * Cleans up after a build that was killed: staging folders of dead processes go, and an
 * output caught between its two renames is put back.
 */
async function recover(parent: string, name: string): Promise<void> {
  const output = path.join(parent, name);
  for (const entry of await readdir(parent)) {
    const match = new RegExp(`^\\.${escapeRegExp(name)}\\.(staging|previous)-(\\d+)`).exec(entry);
    if (!match || isRunning(Number(match[2]))) continue;
    const leftover = path.join(parent, entry);
    if (match[1] === "previous" && !(await exists(output))) await rename(leftover, output);
    else await rm(leftover, { recursive: true, force: true });
  }
}

async function acquire(lock: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(lock);
      await mkdir(path.join(lock, String(process.pid)));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holders = await readdir(lock).catch(() => []);
      if (holders.length > 0 && holders.every((pid) => !isRunning(Number(pid)))) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (attempt > 600) throw new Error(`another build holds ${lock}; remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}


const exists = (file: string): Promise<boolean> => stat(file).then(() => true, () => false);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
