import { createHash } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import type { EmailConfig } from "../config/site-config.ts";
import type { Episode } from "../episode/episode.ts";
import { mailServiceLinks } from "./mail-service-links.ts";

export interface IssueMessage {
  episode: Episode;
  email: EmailConfig;
  /** The site's origin: the Message-ID's host, and the List-Id when none is configured. */
  baseUrl: string;
  subject: string;
  html: string;
  text: string;
  /** `Name <address>` or an address: the subscriber, or whoever a test goes to. */
  to: string | Mail.Address;
  /** When it is sent (or made): a Date in the past is what spam filters score. */
  date: Date;
  /** castpress send gives each subscriber's own, the same on every retry; otherwise from the content. */
  messageId?: string;
  /** The subscriber's own unsubscribe link, when castpress sends; otherwise the configured one, if it is a URI. */
  unsubscribeUrl?: string;
}

/**
 * The issue as nodemailer's message options: multipart/alternative (text, then HTML), CRLF line
 * endings only (RFC 5322; a bare LF makes relays split or reject a message), `List-Unsubscribe`
 * with URIs only (a mail service's unfilled merge tag is not one) and RFC 8058 One-Click when one
 * of them is https.
 */
export function messageOptions(message: IssueMessage, hash: string = contentHash(message)): Mail.Options {
  const { episode, email, baseUrl, subject, html, text } = message;
  const host = new URL(baseUrl).hostname;
  const unsubscribe = [message.unsubscribeUrl ?? mailServiceLinks(email).unsubscribe, email.unsubscribeMailto && `mailto:${email.unsubscribeMailto}`].filter(
    (link): link is string => Boolean(link) && isUri(link as string),
  );
  return {
    // The content's hash is in a made issue's Message-ID because Gmail hides a second message with
    // an ID it has seen: an edited issue sent as a test again must arrive.
    messageId: message.messageId ?? `<${episode.guid}.${hash.slice(0, 16)}@${host}>`,
    baseBoundary: hash.slice(16, 40),
    newline: "windows",
    from: email.from,
    to: message.to,
    ...(email.replyTo && { replyTo: email.replyTo }),
    subject,
    date: message.date,
    text,
    html,
    headers: {
      "List-Id": `<${email.listId ?? host}>`,
      // As URIs (RFC 2369), ASCII as every header must be (RFC 5322, 2.2): a link with other characters
      // percent-encoded. Folded after each comma, so that a long link and a long address never make a
      // line of more than 998 octets (RFC 5322, 2.1.1); folding inside the brackets is not allowed.
      ...(unsubscribe.length > 0 && { "List-Unsubscribe": prepared(unsubscribe.map((link) => `<${new URL(link).href}>`).join(",\r\n ")) }),
      ...(unsubscribe.some((link) => link.startsWith("https://")) && { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }),
    },
  };
}

/**
 * The hash of what the issue says, from which a made issue's Message-ID and the MIME boundary
 * come: computed once for the messages of a send to many (hashing 20 KB for each subscriber was a
 * third of composing their message).
 */
export const contentHash = ({ subject, html, text }: Pick<IssueMessage, "subject" | "html" | "text">): string =>
  createHash("sha256").update(subject).update("\0").update(html).update("\0").update(text).digest("hex");

/** The issue as one MIME message (the .eml), ready to import into a mail service or send as a test. */
export function composeMessage(message: IssueMessage): Promise<Buffer> {
  const composer = new MailComposer(messageOptions(message));
  return new Promise((resolve, reject) => composer.compile().build((error, built) => (error ? reject(error) : resolve(built))));
}

/** The bare address of `Name <address>` or of an address. */
export function bareAddress(address: string): string {
  return (/<([^>]+)>\s*$/.exec(address)?.[1] ?? address).trim();
}

/** A link a mail client can follow from the header: https, http or mailto, and nothing left to fill in. */
function isUri(link: string): boolean {
  return /^(https?|mailto):/.test(link) && URL.canParse(link) && !/[{}|*%\s]/.test(link.replace(/%[0-9A-Fa-f]{2}/g, ""));
}

/** As written: nodemailer would fold or encode a long list of links. */
const prepared = (value: string) => ({ prepared: true, value });
