import { createHash } from "node:crypto";
import path from "node:path";
import nodemailer from "nodemailer";
import { contentHash, messageOptions } from "../email/message.ts";
import { redactedSmtpUrl } from "../email/smtp-url.ts";
import { formatProblem } from "../problems/problem.ts";
import { EPISODES_DIR } from "../paths/project-files.ts";
import { deliver, type Tally } from "./deliver.ts";
import { PersonalMessages } from "./personal-messages.ts";
import { sendJournalFile, unsubscribedFile } from "./project-state.ts";
import type { IssueToSend } from "./render-issue.ts";
import { SendJournal } from "./send-journal.ts";
import { formatDuration, sendProgress, type OutputStream } from "./send-progress.ts";
import { addressKey, readSubscriberList, type Subscriber } from "./subscriber-list.ts";
import { subscriberLinks, UNSUBSCRIBE_SECRET_VARIABLE } from "./unsubscribe-links.ts";
import { readUnsubscribed } from "./unsubscribed.ts";

export interface SendRequest {
  prepared: IssueToSend;
  /** The subscriber list, absolute. */
  list: string;
  /** Messages a second at most. */
  rate: number;
  dryRun: boolean;
  /** Asks before sending; resolves to the answer. Absent with --yes. */
  confirm?: (question: string) => Promise<boolean>;
  smtpUrl: string | undefined;
  secret: string | undefined;
  /** Connections in the pool. */
  connections: number;
  retry: { attempts: number; firstDelayMs: number };
  signal?: AbortSignal;
  /** Where progress and the summary go: the terminal, or a log. */
  out: OutputStream;
}

/**
 * `castpress send`: the issue to everyone on the list who has not had it, is not unsubscribed
 * and was not refused for good, each with their own To, Date, Message-ID and unsubscribe link,
 * recorded in the send's journal as the server accepts it. Resolves to the exit code: 0 when
 * every subscriber has the issue, 1 when some do not (named), 130 when stopped by Ctrl-C.
 */
export async function sendIssue(request: SendRequest): Promise<number> {
  const { prepared, out } = request;
  const { project, email, episode, issue } = prepared;
  const say = (line: string) => out.write(`${line}\n`);

  if (email.service !== "castpress") throw new Error(`castpress send: castpress.yaml says service: ${email.service}, whose merge tags only that service fills: set service: castpress, with unsubscribeUrl, to send through SMTP yourself`);
  if (!request.secret || request.secret.length < 16) throw new Error(`castpress send: set ${UNSUBSCRIBE_SECRET_VARIABLE} to a secret of at least 16 characters (kept out of the project): each unsubscribe link carries an HMAC of the address under it`);
  const listName = path.relative(process.cwd(), request.list) || request.list;
  const inside = path.relative(project.root, request.list);
  if (!inside.startsWith("..") && [EPISODES_DIR, "dist", "templates"].includes(inside.split(path.sep)[0]!)) {
    throw new Error(`castpress send: ${listName} is inside ${inside.split(path.sep)[0]}/, which is published or built from: keep the list in the project's root (git-ignored) or outside the project`);
  }
  const list = await readSubscriberList(request.list, listName);
  if (list.problems.length > 0) {
    for (const problem of list.problems) console.error(formatProblem(problem));
    throw new Error(`castpress send: nothing sent: fix the ${list.problems.length} problem${list.problems.length === 1 ? "" : "s"} in ${listName} first`);
  }
  const unsubscribed = await readUnsubscribed(unsubscribedFile(project.root));
  const journal = await SendJournal.open(sendJournalFile(project.root, episode.slug));
  try {
    const onList = list.subscribers.filter((subscriber) => !unsubscribed.has(addressKey(subscriber.address)));
    const alreadySent = onList.filter((subscriber) => journal.sent.has(addressKey(subscriber.address))).length;
    const refusedBefore = onList.filter((subscriber) => journal.failed.has(addressKey(subscriber.address)));
    const pending = onList.filter((subscriber) => !journal.sent.has(addressKey(subscriber.address)) && !journal.failed.has(addressKey(subscriber.address)));
    const skipped = list.markedUnsubscribed + list.subscribers.length - onList.length;
    say(`"${episode.title}" to ${listName}: ${pending.length} to send${alreadySent ? `, ${alreadySent} already sent` : ""}${skipped ? `, ${skipped} unsubscribed` : ""}${refusedBefore.length ? `, ${refusedBefore.length} refused earlier` : ""}`);
    for (const { address } of refusedBefore) say(`  refused earlier: ${address}: ${journal.failed.get(addressKey(address))}`);
    if (pending.length === 0) {
      say(alreadySent ? "Nothing left to send: this issue has been sent to everyone on the list." : "Nobody to send to.");
      return refusedBefore.length > 0 ? 1 : 0;
    }
    const eta = formatDuration(pending.length / request.rate);
    if (request.dryRun) {
      say(`Dry run: would send ${pending.length} message${pending.length === 1 ? "" : "s"} from ${email.from}, subject "${issue.subject}", at ${request.rate}/s (about ${eta}); first: ${pending.slice(0, 3).map((s) => s.address).join(", ")}. Nothing was sent.`);
      return 0;
    }
    if (!request.smtpUrl) throw new Error("castpress send: no SMTP server to send through: set SMTP_URL, e.g. SMTP_URL=smtps://user:password@smtp.example.org:465");
    const server = redactedSmtpUrl(request.smtpUrl);
    if (request.confirm && !(await request.confirm(`Send "${episode.title}" to ${pending.length} subscriber${pending.length === 1 ? "" : "s"} through ${server} (about ${eta})? [y/N] `))) {
      say("Nothing sent.");
      return 1;
    }
    const tally = await sendTo(pending, request, journal);
    return summarize(tally, refusedBefore.length, request.signal?.aborted ?? false, say);
  } finally {
    await journal.close();
  }
}

async function sendTo(pending: Subscriber[], request: SendRequest, journal: SendJournal): Promise<Tally> {
  const { episode, email, issue, project } = request.prepared;
  const host = new URL(project.site.baseUrl).hostname;
  const transport = nodemailer.createTransport(pooledUrl(request.smtpUrl!, request.connections, request.rate));
  const progress = sendProgress(pending.length, request.out);
  const messages = PersonalMessages.of(issue);
  const hash = contentHash(issue);
  try {
    const tally = await deliver({
      recipients: pending,
      compose(subscriber) {
        const links = subscriberLinks(email, subscriber.address, request.secret!);
        const messageId = subscriberMessageId(episode.guid, subscriber.address, host);
        const to = { name: subscriber.name ?? "", address: subscriber.address };
        const message = { episode, email, baseUrl: project.site.baseUrl, subject: issue.subject, html: issue.html, text: issue.text, to, date: new Date(), messageId, unsubscribeUrl: links.unsubscribe };
        // Made whole here: nodemailer's own composing costs several times more, and writes to the socket in hundreds of pieces.
        return { raw: messages.compose(messageOptions(message, hash), links), envelope: { from: email.from, to: subscriber.address }, messageId };
      },
      transport,
      journal,
      concurrency: request.connections,
      retry: request.retry,
      ...(request.signal && { signal: request.signal }),
      onProgress: (tally) => progress.update(tally),
    });
    progress.end(tally);
    return tally;
  } finally {
    transport.close();
  }
}

function summarize(tally: Tally, refusedBefore: number, stopped: boolean, say: (line: string) => void): number {
  say(`Sent ${tally.sent} message${tally.sent === 1 ? "" : "s"}.`);
  for (const failure of tally.failed) say(`  not sent to ${failure.address}: ${failure.reason}${failure.permanent ? "" : " (the next run tries again)"}`);
  if (stopped) {
    say(`Stopped: ${tally.left} not sent yet. Run the same command again to send to them (nobody gets it twice).`);
    return 130;
  }
  if (tally.failed.length > 0 || refusedBefore > 0) {
    say(`${tally.failed.length + refusedBefore} subscriber${tally.failed.length + refusedBefore === 1 ? "" : "s"} did not get the issue.`);
    return 1;
  }
  return 0;
}

/** The same for a subscriber on every attempt and run: the one possible repeat is recognisable. */
export function subscriberMessageId(guid: string, address: string, host: string): string {
  return `<${guid}.${createHash("sha256").update(guid).update("\0").update(addressKey(address)).digest("hex").slice(0, 24)}@${host}>`;
}

/** SMTP_URL as a pool of `connections` connections keeping to `rate` messages a second. */
function pooledUrl(smtpUrl: string, connections: number, rate: number): string {
  const url = new URL(smtpUrl);
  url.searchParams.set("pool", "true");
  url.searchParams.set("maxConnections", String(connections));
  url.searchParams.set("rateDelta", "1000");
  url.searchParams.set("rateLimit", String(Math.max(1, Math.floor(rate))));
  return url.href;
}
