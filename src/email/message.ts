import { createHash } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type { EmailConfig } from "../config/site-config.ts";
import type { Episode } from "../episode/episode.ts";
import { mailServiceLinks } from "./mail-service-links.ts";

export interface IssueMessage {
  episode: Episode;
  email: EmailConfig;
  /** The site's origin, for the List-Id when none is configured. */
  baseUrl: string;
  html: string;
  text: string;
}

/**
 * The issue as one multipart/alternative MIME message (text, then HTML), ready to import into
 * a mail service or to send as a test. The List-Unsubscribe link is the service's merge tag,
 * filled in per subscriber when the service sends it; One-Click is RFC 8058.
 */
export function composeMessage({ episode, email, baseUrl, html, text }: IssueMessage): Promise<Buffer> {
  const links = mailServiceLinks(email);
  const unsubscribe = [links.unsubscribe, email.unsubscribeMailto && `mailto:${email.unsubscribeMailto}`]
    .filter(Boolean)
    .map((url) => `<${url}>`)
    .join(", ");
  const host = new URL(baseUrl).hostname;
  const contentHash = createHash("sha256").update(episode.title).update("\0").update(html).update("\0").update(text).digest("hex");
  const composer = new MailComposer({
    // Deterministic, so an unchanged issue rebuilds to the same bytes. The content's hash is in
    // the Message-ID because Gmail hides a second message with an ID it has seen: an edited
    // issue sent as a test again must arrive.
    messageId: `<${episode.guid}.${contentHash.slice(0, 16)}@${host}>`,
    baseBoundary: contentHash.slice(16, 40),
    from: email.from,
    ...(email.replyTo && { replyTo: email.replyTo }),
    subject: episode.title,
    date: episode.date,
    text,
    html,
    headers: {
      "List-Id": prepared(`<${email.listId ?? host}>`),
      // Prepared: a merge tag such as `{{ UnsubscribeURL }}` must reach the service as written.
      "List-Unsubscribe": prepared(unsubscribe),
      "List-Unsubscribe-Post": prepared("List-Unsubscribe=One-Click"),
    },
  });
  return new Promise((resolve, reject) => composer.compile().build((error, message) => (error ? reject(error) : resolve(message))));
}

const prepared = (value: string) => ({ prepared: true, value });
