import { cp, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { timedRun } from "./process-tree.ts";

export interface SendFigures {
  recipients: number;
  ms: number;
  messagesPerSecond: number;
  peakMb: number | undefined;
  /** The same peak by command: castpress's node, and esbuild when tsx compiles a module it has not cached yet. */
  peakMbByCommand: Record<string, number> | undefined;
  /** Messages the sink accepted: every recipient once. */
  accepted: number;
}

/**
 * `castpress send` of one issue (test/fixtures/send, service: castpress) to `recipients`
 * subscribers through an SMTP sink on a loopback port that accepts and discards every message:
 * the time from start to summary (loading, rendering, composing each personal message, SMTP over
 * the pool, the journal) and the process's peak memory. No rate limit but the pool's. As before a
 * real send, `castpress email` has rendered the issue first (the author's look at it), so the
 * MJML shell is compiled and cached, and `castpress send --dry-run` has said what it would send
 * (the README's way), so tsx has compiled send's modules: the first run of a fresh copy of
 * castpress otherwise adds esbuild's process (15 MB) and its time to the figures.
 */
export async function measureSend(repoRoot: string, cli: string, workDir: string, recipients: number): Promise<SendFigures> {
  const project = path.join(workDir, `send-${recipients}`);
  await cp(path.join(repoRoot, "test/fixtures/send"), project, { recursive: true });
  const rows = Array.from({ length: recipients }, (_, index) => `reader${index}@bench.example.net,Reader ${index}`);
  await writeFile(path.join(project, "subscribers.csv"), `email,name\n${rows.join("\n")}\n`);
  let accepted = 0;
  const sink = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        accepted++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  try {
    const env = {
      ...process.env,
      CI: "true",
      SMTP_URL: `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`,
      CASTPRESS_UNSUBSCRIBE_SECRET: "a-bench-secret-of-some-length",
    };
    await timedRun(process.execPath, [cli, "email", "first-issue"], { cwd: project, env });
    await timedRun(process.execPath, [cli, "send", "first-issue", "--dry-run"], { cwd: project, env });
    const run = await timedRun(process.execPath, [cli, "send", "first-issue", "--rate", "100000", "--yes"], { cwd: project, env });
    return {
      recipients,
      ms: run.ms,
      messagesPerSecond: Math.round(recipients / (run.ms / 1000)),
      peakMb: run.memory ? Math.round(run.memory.treeMb) : undefined,
      peakMbByCommand: run.memory?.byCommand,
      accepted,
    };
  } finally {
    await new Promise<void>((resolve) => sink.close(() => resolve()));
  }
}
