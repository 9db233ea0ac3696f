import path from "node:path";
import { createInterface } from "node:readline/promises";
import { renderIssue } from "../../send/render-issue.ts";
import { sendIssue } from "../../send/send-issue.ts";
import { UNSUBSCRIBE_SECRET_VARIABLE } from "../../send/unsubscribe-links.ts";
import type { Command } from "../commands.ts";
import { commandLine } from "../invocation.ts";

export const send: Command = {
  options: {
    root: { type: "string" },
    list: { type: "string" },
    rate: { type: "string" },
    "dry-run": { type: "boolean" },
    yes: { type: "boolean" },
  },
  async run(values, positionals) {
    const root = path.resolve(String(values.root ?? process.cwd()));
    const wanted = positionals[0];
    const rate = Number(values.rate ?? 10);
    if (!wanted || !(rate > 0)) {
      console.error(`castpress send: name the episode, and a rate above 0 if any: ${commandLine(root, "send", "<slug> --list subscribers.csv [--rate 10] [--dry-run] [--yes]")}`);
      return 2;
    }
    const prepared = await renderIssue(root, wanted, "send");
    for (const warning of prepared.warnings) console.warn(warning);
    const controller = new AbortController();
    const stop = () => {
      // A second Ctrl-C leaves at once: every accepted message is already in the journal.
      if (controller.signal.aborted) process.exit(130);
      console.error("\nStopping: waiting for the messages in flight (Ctrl-C again to leave now)…");
      controller.abort();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    try {
      return await sendIssue({
        prepared,
        list: typeof values.list === "string" ? path.resolve(values.list) : path.join(prepared.project.root, "subscribers.csv"),
        rate,
        dryRun: values["dry-run"] === true,
        ...(values.yes !== true && { confirm: askOnTerminal }),
        smtpUrl: process.env.SMTP_URL || undefined,
        secret: process.env[UNSUBSCRIBE_SECRET_VARIABLE],
        // A small pool: the relay's limits, not ours, set the pace.
        connections: Math.min(5, Math.max(1, Math.ceil(rate / 20))),
        retry: { attempts: 5, firstDelayMs: 1000 },
        signal: controller.signal,
        out: process.stdout,
      });
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
  },
};

async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new Error("castpress send: no terminal to ask for confirmation on: add --yes to send without asking (or --dry-run to see what would be sent)");
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await terminal.question(question)).trim());
  } finally {
    terminal.close();
  }
}
