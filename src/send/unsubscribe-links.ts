import { createHmac } from "node:crypto";
import type { EmailConfig } from "../config/site-config.ts";
import type { MailServiceLinks } from "../email/mail-service-links.ts";

/** Where the secret behind each subscriber's unsubscribe token comes from: never the project's files. */
export const UNSUBSCRIBE_SECRET_VARIABLE = "CASTPRESS_UNSUBSCRIBE_SECRET";

/**
 * The token in a subscriber's unsubscribe link: an HMAC-SHA256 of the address (lower case) under
 * the author's secret, base64url. The page behind `unsubscribeUrl` checks it by computing the same.
 */
export function unsubscribeToken(address: string, secret: string): string {
  return createHmac("sha256", secret).update(address.trim().toLowerCase()).digest("base64url");
}

/** One subscriber's links, from `unsubscribeUrl` (and `manageUrl`) with `{token}` and `{email}` filled in. */
export function subscriberLinks(email: EmailConfig, address: string, secret: string): MailServiceLinks {
  const fill = (template: string) =>
    template.replaceAll("{token}", unsubscribeToken(address, secret)).replaceAll("{email}", encodeURIComponent(address.trim().toLowerCase()));
  return { unsubscribe: fill(email.unsubscribeUrl ?? ""), manage: email.manageUrl ? fill(email.manageUrl) : "" };
}
