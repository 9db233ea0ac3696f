import { setTimeout as sleep } from "node:timers/promises";
import type Mail from "nodemailer/lib/mailer";
import type { SendJournal } from "./send-journal.ts";
import type { Subscriber } from "./subscriber-list.ts";

export interface Delivery {
  /** Who is left to send to, in order. */
  recipients: Subscriber[];
  /** One subscriber's message, with its own Message-ID (the same on every attempt). */
  compose(subscriber: Subscriber): Mail.Options & { messageId: string };
  /** A pooled nodemailer transport: it keeps to the rate over its connections. */
  transport: { sendMail(message: Mail.Options): Promise<unknown> };
  journal: SendJournal;
  /** Messages in flight at once: the pool's connections. */
  concurrency: number;
  /** Tries per message when the server answers 4xx or the connection drops, and the first wait (doubled each time). */
  retry: { attempts: number; firstDelayMs: number };
  /** Aborted on Ctrl-C: no new message starts; those in flight finish and are recorded. */
  signal?: AbortSignal;
  onProgress?(tally: Tally): void;
}

export interface Failure {
  address: string;
  reason: string;
  /** 5xx: recorded in the journal and not tried again; otherwise the next run tries again. */
  permanent: boolean;
}

export interface Tally {
  sent: number;
  failed: Failure[];
  /** Not yet tried (after Ctrl-C, the ones left for the next run). */
  left: number;
}

/**
 * Sends each recipient their message over the pool, `concurrency` at a time, recording each
 * acceptance and each permanent refusal in the journal as soon as the server answers. A
 * temporary failure (4xx, a dropped or refused connection) is tried again after a wait that
 * doubles; one that outlasts the tries is reported, not journaled, so the next run tries again.
 */
export async function deliver(delivery: Delivery): Promise<Tally> {
  const { recipients, journal, signal } = delivery;
  const tally: Tally = { sent: 0, failed: [], left: recipients.length };
  let next = 0;
  const worker = async () => {
    while (!signal?.aborted && next < recipients.length) {
      const subscriber = recipients[next++]!;
      const message = delivery.compose(subscriber);
      const outcome = await sendWithRetries(delivery, message);
      if (outcome === "stopped") continue;
      tally.left--;
      if (outcome === "sent") {
        journal.recordSent(subscriber.address, message.messageId);
        tally.sent++;
      } else {
        if (outcome.permanent) journal.recordFailed(subscriber.address, outcome.reason);
        tally.failed.push({ address: subscriber.address, ...outcome });
      }
      delivery.onProgress?.(tally);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, delivery.concurrency) }, worker));
  return tally;
}

async function sendWithRetries(delivery: Delivery, message: Mail.Options): Promise<"sent" | "stopped" | Omit<Failure, "address">> {
  const { attempts, firstDelayMs } = delivery.retry;
  for (let attempt = 1; ; attempt++) {
    try {
      await delivery.transport.sendMail(message);
      return "sent";
    } catch (error) {
      const reason = describeSmtpError(error);
      if (isPermanent(error)) return { reason, permanent: true };
      if (attempt >= attempts) return { reason: `${reason} (after ${attempts} tries)`, permanent: false };
      // Jitter, so the pool's connections do not all come back at the same moment.
      const wait = firstDelayMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
      try {
        await sleep(wait, undefined, { signal: delivery.signal });
      } catch {
        return "stopped";
      }
    }
  }
}

/** A 5xx answer is the server's final word on that address; anything else may pass later. */
const isPermanent = (error: unknown): boolean => {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
};

function describeSmtpError(error: unknown): string {
  const { response, message } = error as { response?: string; message?: string };
  return (response ?? message ?? String(error)).replace(/\s+/g, " ").trim();
}
