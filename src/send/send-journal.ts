import { closeSync, fdatasyncSync, openSync, writeSync } from "node:fs";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { isRunning } from "../project/running-process.ts";
import { addressKey } from "./subscriber-list.ts";

/** One line of the journal. */
type Entry = { sent: string; messageId: string; at: string } | { failed: string; reason: string; at: string };

/**
 * The journal of one issue's send: a line per message the server accepted, and per address it
 * refused for good (5xx), written as soon as the server answers, with a synchronous write that
 * survives the process being killed (kill -9, Ctrl-C, a crash). Flushed to disk every
 * `SYNC_EVERY` lines and at the end. A run reads it first and sends to nobody it lists; a lock
 * file keeps two runs of the same send apart.
 */
export class SendJournal {
  /** Addresses (compared without case) whose message was accepted. */
  readonly sent = new Set<string>();
  /** Addresses refused for good, with the server's answer. */
  readonly failed = new Map<string, string>();
  private unsynced = 0;

  private constructor(
    private readonly fd: number,
    private readonly lock: string,
  ) {}

  static async open(file: string): Promise<SendJournal> {
    await mkdir(path.dirname(file), { recursive: true });
    const lock = `${file}.lock`;
    await takeLock(lock);
    const journal = new SendJournal(openSync(file, "a"), lock);
    const text = await readFile(file, "utf8").catch(() => "");
    for (const line of text.split("\n")) {
      // The last line may be cut short by a machine that lost power mid-write: it never counts.
      const entry = parseEntry(line);
      if (entry && "sent" in entry) journal.sent.add(addressKey(entry.sent));
      else if (entry) journal.failed.set(addressKey(entry.failed), entry.reason);
    }
    return journal;
  }

  recordSent(address: string, messageId: string): void {
    this.sent.add(addressKey(address));
    this.append({ sent: address, messageId, at: new Date().toISOString() });
  }

  recordFailed(address: string, reason: string): void {
    this.failed.set(addressKey(address), reason);
    this.append({ failed: address, reason, at: new Date().toISOString() });
  }

  async close(): Promise<void> {
    fdatasyncSync(this.fd);
    closeSync(this.fd);
    await unlink(this.lock).catch(() => undefined);
  }

  private append(entry: Entry): void {
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    if (++this.unsynced >= SYNC_EVERY) {
      fdatasyncSync(this.fd);
      this.unsynced = 0;
    }
  }
}

const SYNC_EVERY = 100;

function parseEntry(line: string): Entry | undefined {
  if (!line.trim()) return undefined;
  try {
    const entry = JSON.parse(line) as Entry;
    return typeof entry === "object" && entry !== null && ("sent" in entry || "failed" in entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** The lock holds the running send's process id; a lock whose process is gone is taken over. */
async function takeLock(lock: string): Promise<void> {
  try {
    await writeFile(lock, String(process.pid), { flag: "wx" });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const holder = Number(await readFile(lock, "utf8").catch(() => ""));
  if (holder && holder !== process.pid && isRunning(holder)) {
    throw new Error(`another castpress send of this issue is running (process ${holder}); wait for it to finish, or stop it first`);
  }
  await writeFile(lock, String(process.pid));
}

