import { existsSync, rmSync } from "node:fs";
import { access, constants, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { constants as osConstants } from "node:os";
import path from "node:path";
import { AuthorError } from "../problems/describe-error.ts";
import { isRunning } from "../project/running-process.ts";

const STOP_SIGNALS = ["SIGINT", "SIGTERM"] as const;

export interface AtomicWrite<T> {
  /** Whether the output in place now came from newer inputs (a build started later): it is then kept. */
  keepsCurrent: () => Promise<boolean>;
  /** Writes the whole output into the staging folder. */
  write: (staging: string) => Promise<T>;
  /** Runs once the new output is in place, before another build may replace it. */
  swapped?: (result: T) => Promise<void>;
}

/**
 * A build writes into a fresh folder beside the output and only then takes the output's
 * place, so a failed or killed build leaves the previous output exactly as it was. `output`
 * is the real folder (links followed). Resolves to the write's result, and whether a build
 * that started later had already put its output in place (this one is then dropped).
 */
export async function withAtomicOutput<T>(output: string, request: AtomicWrite<T>): Promise<{ result: T; superseded: boolean }> {
  const parent = path.dirname(output);
  const name = path.basename(output);
  await mkdir(parent, { recursive: true });
  await recover(parent, name);
  await assertReplaceable(output);
  const staging = path.join(parent, `.${name}.staging-${process.pid}-${Date.now()}`);
  // Ctrl-C (or a polite kill) stops the build at once: the output stays as it was, and the
  // half-written staging folder goes with the process instead of waiting for the next build.
  // So it does when the process ends any other way before the build settles.
  const stop = (signal: NodeJS.Signals): void => {
    removeBeforeExit(staging);
    process.exit(128 + osConstants.signals[signal]);
  };
  const exit = (): void => removeBeforeExit(staging);
  for (const signal of STOP_SIGNALS) process.once(signal, stop);
  process.once("exit", exit);
  try {
    await mkdir(staging);
    const result = await request.write(staging);
    const superseded = await swapIn(staging, output, request.keepsCurrent, () => request.swapped?.(result));
    return { result, superseded };
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, stop);
    process.off("exit", exit);
    // A failed build may still be finishing writes into staging: a failed clean-up must not hide
    // the build's own error, and the next build removes what is left (see recover).
    await rm(staging, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }
}

/**
 * Fails before anything is built when the previous output could not be removed once
 * replaced (a read-only folder in it): the swap would otherwise leave it half deleted.
 */
async function assertReplaceable(output: string): Promise<void> {
  await access(path.dirname(output), constants.W_OK);
  const info = await stat(output).catch(() => undefined);
  if (!info?.isDirectory()) return;
  const folders = [output];
  for (const entry of await readdir(output, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) folders.push(path.join(entry.parentPath, entry.name));
  }
  for (const folder of folders) await access(folder, constants.W_OK);
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
    if (!existsSync(folder)) return;
    Atomics.wait(pause, 0, 0, 20);
  }
}

/**
 * Puts the new folder in place with two renames, under a lock so two builds never interleave,
 * unless the output there now was made by a build that started later (from newer inputs).
 */
async function swapIn(staging: string, output: string, keepsCurrent: () => Promise<boolean>, swapped: () => Promise<void> | undefined): Promise<boolean> {
  const lock = `${path.join(path.dirname(output), "." + path.basename(output))}.lock`;
  await acquire(lock);
  const previous = `${lock.replace(/\.lock$/, "")}.previous-${process.pid}`;
  try {
    if (await keepsCurrent()) return true;
    const hadOutput = await exists(output);
    if (hadOutput) await rename(output, previous);
    await rename(staging, output).catch(async (error: unknown) => {
      if (hadOutput) await rename(previous, output);
      throw error;
    });
    await swapped();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
  // The new output is in place: a previous one that cannot be removed is left to the next build.
  await rm(previous, { recursive: true, force: true }).catch(() => undefined);
  return false;
}

/**
 * Cleans up after a build that was killed: staging folders of dead processes go, and an
 * output caught between its two renames is put back. What cannot be removed is left: it must
 * not stop this build.
 */
async function recover(parent: string, name: string): Promise<void> {
  const output = path.join(parent, name);
  for (const entry of await readdir(parent)) {
    const match = new RegExp(`^\\.${escapeRegExp(name)}\\.(staging|previous)-(\\d+)`).exec(entry);
    if (!match || isRunning(Number(match[2]))) continue;
    const leftover = path.join(parent, entry);
    if (match[1] === "previous" && !(await exists(output))) await rename(leftover, output).catch(() => undefined);
    else await rm(leftover, { recursive: true, force: true }).catch(() => undefined);
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
      if (attempt > 600) throw new AuthorError(lock, "another build has held this lock for 30 s", "remove it if no build is running");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}


const exists = (file: string): Promise<boolean> => stat(file).then(() => true, () => false);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
